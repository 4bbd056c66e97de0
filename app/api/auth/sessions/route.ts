import { listSessions } from "@/lib/auth";
import { route } from "@/lib/http/route";

// GET /api/auth/sessions – the caller's signed-in sessions (the one asking is `current`)
export const GET = route({}, async ({ ctx }) => listSessions({ ctx }));
