import "server-only";
import type { Ctx } from "../context";
import { costOf } from "./catalogue";
import { remember, reuse } from "./coalesce";
import type { RouterDeps } from "./deps";
import { plan } from "./plan";
import { callAsLeader, decisionOf } from "./result";
import { settle } from "./settle";
import type { CompletionInput, CompletionResult, StoredAnswer } from "./types";

const ms = (from: number, to = performance.now()) => Math.round((to - from) * 100) / 100;

/** One routed, non-streaming completion: cache, coalescing, fallbacks, exactly one ledger row. */
export async function complete({
  ctx,
  input,
  deps,
}: {
  ctx: Ctx;
  input: CompletionInput;
  deps: RouterDeps;
}): Promise<CompletionResult> {
  const p = await plan(ctx, input, deps, false);
  const planned = performance.now();
  const reused = await reuse(p, deps, false);
  const looked = performance.now();
  const timing = { planMs: ms(p.started, planned), cacheMs: ms(planned, looked), providerMs: 0 };
  if ("result" in reused) return { ...reused.result, timing };

  const { leader } = reused;
  const { value, model, tried } = await callAsLeader(ctx, p, deps, leader, input.signal, (m, ms) =>
    deps.client(m).generate(input, ms),
  );
  timing.providerMs = ms(looked);
  const costUsd = costOf(model, value.usage.inputTokens, value.usage.outputTokens);
  const answer: StoredAnswer = { ...value, model: model.id, provider: model.provider, costUsd };
  remember(p, deps, answer);
  leader.resolve(answer);
  const latencyMs = settle(deps.ledger, p, {
    kind: "answered",
    model,
    usage: value.usage,
    costUsd,
    fallbacks: tried.length,
  });
  return {
    ...value,
    costUsd,
    latencyMs,
    decision: decisionOf(p, model, tried, p.cache.status),
    timing,
  };
}
