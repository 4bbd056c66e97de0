import { register } from "@/lib/auth";
import { RegisterInput } from "@/lib/auth/schemas";
import { route } from "@/lib/http/route";

// POST /api/auth/register – create an account (then sign in through /api/auth/callback/credentials)
export const POST = route(
  {
    audience: "public",
    body: RegisterInput,
    rateLimit: "auth",
    maxBodyBytes: 16 * 1024,
    status: 201,
  },
  async ({ ctx, body }) => register({ ctx, input: body }),
);
