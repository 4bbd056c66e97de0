import { route } from "@/lib/http/route";
import { decideApproval } from "@/lib/workflows";
import { DecideApprovalInput } from "@/lib/workflows/approvals/decide";

// POST /api/approvals/:id – approve or reject ({ decision: "approve" | "reject", comment })
export const POST = route(
  { body: DecideApprovalInput.omit({ approvalId: true }), maxBodyBytes: 8 * 1024 },
  async ({ ctx, params, body }) =>
    decideApproval({ ctx, input: { ...body, approvalId: params.id } }),
);
