import "server-only";
import { AppError, shuttingDown } from "../errors";
import type { Ctx } from "../context";
import { AttemptsFailed, runCandidates } from "./attempts";
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
  const e = failureError(p, err);
  leader.reject(e);
  return e;
}

/**
 * What a request that no provider answered gets: 502 (the providers failed, or refused it), or
 * 503 when nothing was even tried (every candidate's circuit open). An explicit model without
 * fallbacks says that no other model was asked.
 */
function failureError(p: Plan, err: AttemptsFailed): AppError {
  const details = { attempts: err.tried };
  if (err.refused)
    return new AppError(
      "upstream",
      `The provider refused the request (${err.lastStatus ?? err.errorClass}).`,
      details,
      { headers: { "x-should-retry": "false" } },
    );
  const alone = p.route.candidates.length === 1 && (p.base.requestedModel ?? "auto") !== "auto";
  const model = `The requested model "${p.route.model.id}"`;
  const noFallback = p.fallbackAllowed
    ? "no other model can serve it"
    : "no other model may answer for it (fallback not allowed)";
  if (err.tried.length > 0 && err.tried.every((t) => t.errorClass === "circuit_open"))
    return new AppError(
      "unavailable",
      alone
        ? `${model} is unavailable: its provider is failing and paused (circuit open), and ${noFallback}. Try again shortly.`
        : "Every provider that could serve this request is failing and paused (circuit open). Try again shortly.",
      details,
    );
  const what = alone
    ? `${model} failed, and ${noFallback}.`
    : "Every provider that could serve this request failed.";
  return new AppError("upstream", `${what} Try again shortly.`, details);
}

/**
 * The leader's provider call: the route's candidates in order (retries, fallbacks, breaker); if
 * none answers, the request is settled and the error to throw is thrown.
 */
export async function callAsLeader<T>(
  ctx: Ctx,
  p: Plan,
  deps: RouterDeps,
  leader: Leader,
  signal: AbortSignal | undefined,
  call: (model: ModelInfo) => Promise<T>,
) {
  try {
    return await runCandidates(p.route.candidates, deps, ctx.log, signal, call);
  } catch (err) {
    throw attemptsFailed(p, deps, leader, err);
  }
}
