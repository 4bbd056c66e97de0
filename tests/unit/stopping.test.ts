import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/context";
import { isShutdown, shutdownReason } from "@/lib/errors";
import { streamUntilStopping, untilStopping } from "@/lib/ai/stopping";
import type { CompletionInput, StreamEvent, StreamHandle } from "@/lib/ai/types";

// A request's link to ctx.stopping (the drain deadline) is a listener on a signal that lives as
// long as the process: every way a request ends must remove it, or each request leaks one.
const stoppingCtx = () => {
  const server = new AbortController();
  return { server, ctx: { stopping: server.signal } as unknown as Ctx };
};
const listeners = (ctx: Ctx) => getEventListeners(ctx.stopping, "abort").length;
const input = (signal?: AbortSignal) => ({ messages: [], signal }) as unknown as CompletionInput;

function handleOf(events: StreamEvent[], onCancel = () => {}): StreamHandle {
  return {
    decision: {} as StreamHandle["decision"],
    events: (async function* () {
      yield* events;
    })(),
    cancel: onCancel,
  };
}

describe("the link to the drain deadline", () => {
  it("a call that resolves, throws, or whose client left leaves no listener behind", async () => {
    const { ctx } = stoppingCtx();
    await untilStopping(ctx, input(), async () => "ok");
    await expect(
      untilStopping(ctx, input(), async () => Promise.reject(new Error("x"))),
    ).rejects.toThrow("x");
    const client = new AbortController();
    const seen: AbortSignal[] = [];
    const pending = untilStopping(ctx, input(client.signal), (i) => {
      seen.push(i.signal!);
      return new Promise(() => {}); // never settles: the client leaving must still unlink
    });
    void pending;
    expect(listeners(ctx)).toBe(1);
    client.abort(new Error("client left"));
    expect(listeners(ctx)).toBe(0);
    expect(seen[0]!.reason).toEqual(new Error("client left"));
  });

  it("the deadline aborts the call with the shutdown reason", async () => {
    const { server, ctx } = stoppingCtx();
    let signal: AbortSignal | undefined;
    const call = untilStopping(ctx, input(new AbortController().signal), (i) => {
      signal = i.signal;
      return new Promise((_, reject) =>
        i.signal!.addEventListener("abort", () => reject(i.signal!.reason)),
      );
    });
    server.abort(shutdownReason());
    await expect(call).rejects.toSatisfy(isShutdown);
    expect(signal!.aborted).toBe(true);
    expect(listeners(ctx)).toBe(0);
  });

  it("a stream unlinks when read to its end, closed before it was read, or cancelled", async () => {
    const { ctx } = stoppingCtx();
    const done: StreamEvent = { type: "error", code: "x", message: "m", errorClass: "x" };
    const read = await streamUntilStopping(ctx, input(), async () => handleOf([done]));
    expect(listeners(ctx)).toBe(1); // open: the stream may still be running at the deadline
    for await (const e of read.events) expect(e).toEqual(done);
    expect(listeners(ctx)).toBe(0);

    const closed = await streamUntilStopping(ctx, input(), async () => handleOf([done]));
    await closed.events[Symbol.asyncIterator]().return!();
    expect(listeners(ctx)).toBe(0);

    let cancelled = 0;
    const cancel = await streamUntilStopping(ctx, input(), async () =>
      handleOf([], () => cancelled++),
    );
    cancel.cancel();
    expect([cancelled, listeners(ctx)]).toEqual([1, 0]);

    await expect(
      streamUntilStopping(ctx, input(), async () => Promise.reject(new Error("no provider"))),
    ).rejects.toThrow("no provider");
    expect(listeners(ctx)).toBe(0);
  });
});
