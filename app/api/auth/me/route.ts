import { getCurrentUser } from "@/lib/auth";
import { route } from "@/lib/http/route";

// GET /api/auth/me – the signed-in user (also refreshes a session cookie older than a day)
export const GET = route({}, async ({ ctx }) => getCurrentUser({ ctx }));
