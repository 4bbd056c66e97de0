import { listAudit, ListAuditInput } from "@/lib/admin";
import { route } from "@/lib/http/route";

// GET /api/admin/audit – the audit trail, filtered by actor, action and date, paged by cursor (admin)
export const GET = route({ audience: "admin", query: ListAuditInput }, async ({ ctx, query }) =>
  listAudit({ ctx, input: query }),
);
