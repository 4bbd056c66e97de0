import "server-only";
import { AppError, shuttingDown } from "../errors";
import type { Ctx } from "../context";
import { AttemptsFailed, runCandidates } from "./candidates";
import type { ModelInfo, ProviderId } from "./catalogue";
import type { Leader } from "./coalesce";
import type { RouterDeps } from "./deps";
import type { Plan } from "./plan";
import { settle } from "./settle";
import type { CacheStatus, RouteDecision } from "./types";

/** The routing decision returned with every answer: what was chosen, why, and what was tried. */
export function decisionOf(
  p: Plan,
  model: { id: string; provider: ProviderId },
  tried: RouteDecision["fallbacksTried"],
  cache: CacheStatus,
): RouteDecision {
  const requested = p.base.requestedModel ?? "auto";
  return {
    ...p.classification,
    reason: `${p.classification.reason}; ${p.route.reason}`,
    model: model.id,
    provider: model.provider,
    fallbacksTried: tried,
    // Another model answered for an explicit one (allowed): say so, in the body and a header.
    ...(requested !== "auto" && requested !== model.id ? { fallbackFrom: requested } : {}),
    cache,
  };
}

export const cancelledError = (details?: Record<string, unknown>) =>
  new AppError("bad_request", "The request was cancelled by the client.", details);

/**
 * The request found no provider to answer it (or its client left): settles it, lets the waiting
 * followers go (a follower takes over when only the client left), and returns what to throw.
 */
export function attemptsFailed(p: Plan, deps: RouterDeps, leader: Leader, err: unknown): unknown {
  if (!(err instanceof AttemptsFailed)) {
    // Not a provider failure but a fault of ours: still exactly one row for the request.
    settle(deps.ledger, p, { kind: "failed", errorClass: "internal", fallbacks: 0 });
    leader.reject(err);
    return err;
  }
  const last = err.tried.at(-1);
  const model = last ? p.route.candidates.find((m) => m.id === last.model) : undefined;
  const fallbacks = Math.max(0, err.tried.length - 1);
  settle(deps.ledger, p, { kind: "failed", errorClass: err.errorClass, model, fallbacks });
  if (err.errorClass === "cancelled" || err.errorClass === "shutdown") {
    leader.abandon();
    return err.errorClass === "shutdown" ? shuttingDown() : cancelledError();
  }
  const e = failureError(p, deps, err);
  leader.reject(e);
  return e;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * What a request that no provider answered gets: 502 (the providers failed, or refused it), 504
 * when the request's deadline passed first, or 503 when nothing was even asked (every candidate's
 * circuit open, or waiting out its Retry-After). A Retry-After a provider gave goes on (the
 * soonest one of the candidates'). An explicit model without fallbacks says that no other model
 * was asked.
 */
function failureError(p: Plan, deps: RouterDeps, err: AttemptsFailed): AppError {
  const details = { attempts: err.tried };
  const headers: Record<string, string> =
    err.retryAfterMs !== undefined
      ? { "retry-after": String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))) }
      : {};
  if (err.refused)
    return new AppError(
      "upstream",
      `The provider refused the request (${err.lastStatus ?? err.errorClass}).`,
      details,
      { headers: { "x-should-retry": "false" } },
    );
  if (err.errorClass === "deadline_exceeded")
    return new AppError(
      "upstream_timeout",
      `No provider answered within the request's deadline (${seconds(deps.deadlineMs)}, AI_REQUEST_DEADLINE_MS). Try again shortly.`,
      { ...details, errorClass: "deadline_exceeded", deadlineMs: deps.deadlineMs },
      { headers },
    );
  const alone = p.route.candidates.length === 1 && (p.base.requestedModel ?? "auto") !== "auto";
  const model = `The requested model "${p.route.model.id}"`;
  const noFallback = p.fallbackAllowed
    ? "no other model can serve it"
    : "no other model may answer for it (fallback not allowed)";
  const skipped = (t: { errorClass: string }) =>
    t.errorClass === "circuit_open" || t.errorClass === "retry_after";
  if (err.tried.length > 0 && err.tried.every(skipped)) {
    const circuits = err.tried.some((t) => t.errorClass === "circuit_open");
    const waits = err.tried.some((t) => t.errorClass === "retry_after");
    // The model's own circuit or its provider's (lib/ai/circuits.ts), or a Retry-After.
    const why = [
      circuits && "kept failing and is paused (circuit open)",
      waits && "asked to wait (Retry-After)",
    ]
      .filter(Boolean)
      .join(" or ");
    return new AppError(
      "unavailable",
      alone
        ? `${model} is unavailable: it ${why}, and ${noFallback}. Try again shortly.`
        : `Every model that could serve this request ${why}. Try again shortly.`,
      details,
      { headers },
    );
  }
  const what = alone
    ? `${model} failed, and ${noFallback}.`
    : "Every provider that could serve this request failed.";
  return new AppError("upstream", `${what} Try again shortly.`, details, { headers });
}

/**
 * The leader's provider call: the route's candidates in order (retries, fallbacks, breaker,
 * Retry-After hints), within the request's deadline counted from its start; if none answers,
 * the request is settled and the error to throw is thrown.
 */
export async function callAsLeader<T>(
  ctx: Ctx,
  p: Plan,
  deps: RouterDeps,
  leader: Leader,
  signal: AbortSignal | undefined,
  call: (model: ModelInfo, timeoutMs: number) => Promise<T>,
) {
  try {
    return await runCandidates(p.route.candidates, deps, ctx.log, signal, call, p.started);
  } catch (err) {
    throw attemptsFailed(p, deps, leader, err);
  }
}
