import { route } from "@/lib/http/route";
import { workQueueFor } from "@/lib/workflows/cron";

// GET /api/workflows/cron – Vercel Cron: works due runs for a bounded time (Authorization: Bearer CRON_SECRET)
export const GET = route({ audience: "public", ownAuthorization: true }, async ({ req, ctx }) =>
  workQueueFor({ ctx, authorization: req.headers.get("authorization") }),
);
