import { route } from "@/lib/http/route";
import { listApprovals } from "@/lib/workflows";

// GET /api/approvals – the pending approvals the caller may decide, across their projects
export const GET = route({}, async ({ ctx }) => listApprovals({ ctx }));
