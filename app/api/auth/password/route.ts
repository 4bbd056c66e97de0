import { changePassword, sessionCookieFor } from "@/lib/auth";
import { ChangePasswordInput } from "@/lib/auth/schemas";
import { route } from "@/lib/http/route";

// POST /api/auth/password – change the password; other sessions end, this one is re-issued
export const POST = route(
  { body: ChangePasswordInput, rateLimit: "auth", maxBodyBytes: 16 * 1024 },
  async ({ ctx, body }) => {
    const { tokenVersion, sessionId } = await changePassword({ ctx, input: body });
    const userId = ctx.actor.kind === "user" ? ctx.actor.userId : "";
    return new Response(null, {
      status: 204,
      headers: { "set-cookie": await sessionCookieFor(ctx, { userId, tokenVersion, sessionId }) },
    });
  },
);
