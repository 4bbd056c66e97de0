/**
 * One request's signal: aborts when `ms` have passed or when the caller's signal aborts. Not
 * `AbortSignal.any` (on Node 20 what it derives from a long-lived signal stays reachable, see
 * lib/ai/stopping.ts) and not `AbortSignal.timeout` (its timer cannot be cleared): a plain timer
 * and a listener, both gone on `dispose()`.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True once the timer, not the caller, aborted the signal. */
  timedOut(): boolean;
  dispose(): void;
}

export function startDeadline(ms: number, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const onOuter = () => {
    dispose();
    controller.abort(outer?.reason);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    dispose();
    controller.abort(new DOMException(`Timed out after ${ms} ms`, "TimeoutError"));
  }, ms);
  function dispose() {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuter);
  }
  if (outer?.aborted) onOuter();
  else outer?.addEventListener("abort", onOuter, { once: true });
  return { signal: controller.signal, timedOut: () => timedOut, dispose };
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    // Handled either way, so a late rejection after the abort is never unhandled.
    promise.then(
      (value) => (signal.removeEventListener("abort", onAbort), resolve(value)),
      (err: unknown) => (signal.removeEventListener("abort", onAbort), reject(err)),
    );
  });
}
