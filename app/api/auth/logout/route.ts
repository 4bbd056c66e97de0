import { clearedSessionCookie } from "@/lib/auth";
import { route } from "@/lib/http/route";

// POST /api/auth/logout – end this browser's session (the JWT cookie is removed)
export const POST = route(
  { audience: "public" },
  async ({ ctx }) =>
    new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie(ctx) } }),
);
