import { clearedSessionCookie, logoutEverywhere } from "@/lib/auth";
import { route } from "@/lib/http/route";

// POST /api/auth/logout-everywhere – end every session of the caller on every device
export const POST = route({}, async ({ ctx }) => {
  await logoutEverywhere({ ctx });
  return new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie(ctx) } });
});
