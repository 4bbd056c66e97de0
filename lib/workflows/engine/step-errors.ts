/** A step failure as the run history shows it. */
export interface StepFailure {
  code: string;
  message: string;
}

// Failures that another attempt cannot fix: the same input fails the same way.
const PERMANENT = new Set([
  "expression_invalid",
  "expression_failed",
  "expression_result_too_large",
  "iterate_not_a_list",
  "iterate_too_many_items",
  "payload_too_large",
  "validation",
  "forbidden",
  "not_found",
  "unauthorized",
  "conflict",
  "blocked_address",
  "invalid_url",
  "too_large",
  "too_many_redirects",
  "limit_exceeded",
  "interrupted",
]);

export const isRetryable = (f: StepFailure): boolean => !PERMANENT.has(f.code);

/** Any thrown value as a step failure: a known code is kept, anything else is `step_failed`. */
export function toStepFailure(err: unknown): StepFailure {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const message = err.message.slice(0, 2000) || err.name;
    if (typeof code === "string" && /^[a-z_]{2,40}$/.test(code)) return { code, message };
    if (err.name === "TimeoutError" || err.name === "AbortError")
      return { code: "timeout", message };
    return { code: "step_failed", message };
  }
  return { code: "step_failed", message: String(err).slice(0, 2000) };
}

export class StepTimeout extends Error {
  readonly code = "timeout";
  constructor(ms: number) {
    super(`The step did not finish within ${ms} ms.`);
    this.name = "StepTimeout";
  }
}

/**
 * Runs `fn` with a signal that aborts at `ms` or when `parent` aborts, whichever is first; the
 * listener on `parent` removes itself (AbortSignal.any keeps every child alive on Node 20).
 */
export async function withDeadline<T>(
  ms: number,
  parent: AbortSignal,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(parent.reason);
  if (parent.aborted) ctl.abort(parent.reason);
  else parent.addEventListener("abort", onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const aborted = new Promise<never>((_, reject) => {
    const fail = () =>
      reject(ctl.signal.reason instanceof Error ? ctl.signal.reason : new StepTimeout(ms));
    if (ctl.signal.aborted) return fail();
    ctl.signal.addEventListener("abort", fail, { once: true });
    timer = setTimeout(() => ctl.abort(new StepTimeout(ms)), ms);
  });
  aborted.catch(() => {}); // settled by the abort below once fn is done: nobody waits then
  try {
    return await Promise.race([fn(ctl.signal), aborted]);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener("abort", onAbort);
    if (!ctl.signal.aborted) ctl.abort();
  }
}
