import "server-only";
import type { Ctx } from "../../context";
import { listRunEvents } from "./get";

type Page = Awaited<ReturnType<typeof listRunEvents>>;
const ENDED = new Set(["succeeded", "failed", "cancelled"]);
const POLL_MS = 300;
const HEARTBEAT_MS = 15_000;

const frame = (e: Page["events"][number]) =>
  `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ ...e.data, at: e.at })}\n\n`;

/**
 * A run's events as SSE frames: what happened so far, then new events as any instance writes
 * them (read from the run's event table), until the run ends or the client leaves. Reconnects
 * resume after Last-Event-ID.
 */
export async function* runEventFrames(
  ctx: Ctx,
  runId: string,
  first: Page,
  signal: AbortSignal,
): AsyncGenerator<string> {
  let page = first;
  let last = 0;
  let quietSince = Date.now();
  for (;;) {
    for (const e of page.events) {
      last = e.id;
      yield frame(e);
    }
    if (page.events.length) quietSince = Date.now();
    if (ENDED.has(page.status) && page.events.length < 500) {
      yield `event: end\ndata: ${JSON.stringify({ status: page.status })}\n\n`;
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (signal.aborted || ctx.stopping.aborted) return;
    if (Date.now() - quietSince > HEARTBEAT_MS) {
      quietSince = Date.now();
      yield ": keep-alive\n\n";
    }
    page = await listRunEvents({ ctx, input: { runId, after: last } });
  }
}
