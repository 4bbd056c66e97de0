import { clearedSessionCookie, endSession } from "@/lib/auth";
import { route } from "@/lib/http/route";

// POST /api/auth/logout – end this browser's session on the server and remove its cookie
export const POST = route({ audience: "public" }, async ({ ctx }) => {
  await endSession({ ctx });
  return new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie(ctx) } });
});
