import { route } from "@/lib/http/route";
import { sseResponse } from "@/lib/http/sse";
import { listRunEvents, runEventFrames } from "@/lib/workflows";

// GET /api/workflow-runs/:runId/events – the run's events as server-sent events (?after=<id>), until it ends
export const GET = route({}, async ({ req, ctx, params }) => {
  const after =
    Number(req.url.searchParams.get("after") ?? req.headers.get("last-event-id") ?? 0) || 0;
  // The first page is read here, so a run the caller may not see is a 404, not an empty stream.
  const first = await listRunEvents({ ctx, input: { runId: params.runId, after } });
  return sseResponse(runEventFrames(ctx, params.runId!, first, req.signal));
});
