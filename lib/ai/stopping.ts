import "server-only";
import type { Ctx } from "../context";
import type { CompletionInput, StreamHandle } from "./types";

/**
 * A request's signal that also aborts when the server's drain deadline passes (`ctx.stopping`,
 * reason `shutdownReason()`), so a call or stream still running then ends with an explicit error
 * and its ledger row. Not `AbortSignal.any`: on Node 20 every signal it derives from the
 * long-lived `stopping` stays reachable (about 1.2 kB a request, measured), so here the link is a
 * listener that `unlink` removes when the request is over.
 */
export function linkStopping(
  ctx: Ctx,
  input: CompletionInput,
): { input: CompletionInput; unlink: () => void } {
  const { stopping } = ctx;
  const own = input.signal;
  if (stopping.aborted || own?.aborted)
    return { input: { ...input, signal: stopping.aborted ? stopping : own }, unlink: () => {} };
  const controller = new AbortController();
  let linked = true;
  const unlink = () => {
    if (!linked) return;
    linked = false;
    stopping.removeEventListener("abort", onStop);
    own?.removeEventListener("abort", onOwn);
  };
  // Either abort ends the request: the link goes then too, whatever path the request takes
  // after (a stream its transport never started reading never reaches its own `unlink`).
  const onStop = () => (unlink(), controller.abort(stopping.reason));
  const onOwn = () => (unlink(), controller.abort(own?.reason));
  stopping.addEventListener("abort", onStop, { once: true });
  own?.addEventListener("abort", onOwn, { once: true });
  return { input: { ...input, signal: controller.signal }, unlink };
}

/** Runs a call with the linked signal; the link goes when the call has settled. */
export async function untilStopping<T>(
  ctx: Ctx,
  input: CompletionInput,
  run: (input: CompletionInput) => Promise<T>,
): Promise<T> {
  const link = linkStopping(ctx, input);
  try {
    return await run(link.input);
  } finally {
    link.unlink();
  }
}

/**
 * Opens a stream with the linked signal; the link goes when the stream has ended (its events are
 * done, it failed, or it was closed or cancelled), not when it opened.
 */
export async function streamUntilStopping(
  ctx: Ctx,
  input: CompletionInput,
  open: (input: CompletionInput) => Promise<StreamHandle>,
): Promise<StreamHandle> {
  const link = linkStopping(ctx, input);
  let handle: StreamHandle;
  try {
    handle = await open(link.input);
  } catch (err) {
    link.unlink();
    throw err;
  }
  const { events } = handle;
  return {
    ...handle,
    cancel: () => (handle.cancel(), link.unlink()),
    events: {
      [Symbol.asyncIterator]: () => {
        const it = events[Symbol.asyncIterator]();
        return {
          next: async () => {
            try {
              const r = await it.next();
              if (r.done) link.unlink();
              return r;
            } catch (err) {
              link.unlink();
              throw err;
            }
          },
          return: async (value?: unknown) => {
            link.unlink();
            return (await it.return?.(value)) ?? { done: true, value: undefined };
          },
        };
      },
    },
  };
}
