import { clearedSessionCookie, revokeSession } from "@/lib/auth";
import { route } from "@/lib/http/route";

// DELETE /api/auth/sessions/:id – sign one session out (this one too: its cookie is removed)
export const DELETE = route({}, async ({ ctx, params }) => {
  const { current } = await revokeSession({ ctx, input: { id: params.id } });
  const headers: HeadersInit = current ? { "set-cookie": clearedSessionCookie(ctx) } : {};
  return new Response(null, { status: 204, headers });
});
