import "server-only";
import type { RouterDeps } from "./deps";
import type { Plan } from "./plan";
import { decisionOf } from "./result";
import { settle } from "./settle";
import type { CompletionResult, StoredAnswer, StreamEvent, StreamHandle } from "./types";

/**
 * Response reuse: a cached answer, or the answer of an identical request already in flight
 * (coalescing: N identical concurrent requests make one provider call).
 */

/** The leader's client left: its followers are still there and one of them leads instead. */
class LeaderGone extends Error {}

/** The request that calls the provider; followers wait on what it resolves. */
export interface Leader {
  resolve(answer: StoredAnswer): void;
  reject(err: unknown): void;
  /** Its client left: a follower takes over instead of failing with it. */
  abandon(): void;
}
const NO_LEADER: Leader = { resolve: () => {}, reject: () => {}, abandon: () => {} };

/**
 * Serves from the cache, joins an identical in-flight call, or becomes the leader that others
 * join. Synchronous from lookup to registration, so concurrent identical requests cannot all miss.
 */
function join(
  p: Plan,
  deps: RouterDeps,
): { answer: StoredAnswer } | { follow: Promise<StoredAnswer> } | { leader: Leader } {
  if (!p.key || !p.cache.read) return { leader: NO_LEADER };
  if (p.cache.status !== "degraded") {
    const raw = deps.cache?.get(p.key, p.classification.taskType);
    const answer = raw ? parseStored(raw) : undefined;
    if (answer) return { answer };
  }
  const inflight = deps.inflight;
  if (!inflight) return { leader: NO_LEADER };
  const existing = inflight.get(p.key);
  if (existing) return { follow: existing };
  const key = p.key;
  let resolve!: (a: StoredAnswer) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<StoredAnswer>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // followers handle it; no unhandled rejection when there are none
  inflight.set(key, promise);
  const done = () => inflight.delete(key);
  return {
    leader: {
      resolve: (a) => (done(), resolve(a)),
      reject: (e) => (done(), reject(e)),
      abandon: () => (done(), reject(new LeaderGone())),
    },
  };
}

/**
 * A reused answer (served and settled here), or the leader handle when this request must call a
 * provider itself.
 */
export async function reuse(
  p: Plan,
  deps: RouterDeps,
  stream: boolean,
): Promise<{ result: CompletionResult } | { leader: Leader }> {
  for (;;) {
    const j = join(p, deps);
    if ("leader" in j) return j;
    if ("answer" in j) return { result: served(p, deps, j.answer, "hit", stream) };
    try {
      return { result: served(p, deps, await j.follow, "coalesced", stream) };
    } catch (err) {
      if (err instanceof LeaderGone) continue; // a hit, another leader, or lead ourselves
      settle(deps.ledger, p, { kind: "refused", errorClass: "coalesced_failure" });
      throw err;
    }
  }
}

function served(
  p: Plan,
  deps: RouterDeps,
  answer: StoredAnswer,
  how: "hit" | "coalesced",
  stream: boolean,
): CompletionResult {
  const latencyMs = settle(deps.ledger, p, { kind: "shared", answer, stream });
  return {
    text: answer.text,
    usage: answer.usage,
    costUsd: 0,
    latencyMs,
    ttftMs: stream ? latencyMs : undefined,
    finishReason: answer.finishReason,
    decision: decisionOf(p, { id: answer.model, provider: answer.provider }, [], how),
  };
}

/** A cache entry, or undefined if it does not parse (treated as a miss, never an error). */
function parseStored(raw: string): StoredAnswer | undefined {
  try {
    const a = JSON.parse(raw) as StoredAnswer;
    return typeof a.text === "string" && a.usage && a.model ? a : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a complete answer (stopped or length-capped, never a broken one) when it may be cached. */
export function remember(p: Plan, deps: RouterDeps, answer: StoredAnswer): void {
  const complete = answer.finishReason === "stop" || answer.finishReason === "length";
  if (!p.key || !p.cache.write || p.cache.status === "degraded" || !complete) return;
  deps.cache?.set(p.key, {
    taskType: p.classification.taskType,
    value: JSON.stringify(answer),
    ttlSeconds: p.cache.ttlSeconds,
    costUsd: answer.costUsd,
  });
}

/** A reused answer as a stream: the text in small pieces, then `done`. */
export function replayed(result: CompletionResult): StreamHandle {
  async function* events(): AsyncGenerator<StreamEvent> {
    for (const piece of result.text.match(/[\s\S]{1,48}(\s|$)|[\s\S]{1,48}/g) ?? []) {
      yield { type: "delta", text: piece };
    }
    yield { type: "done", result };
  }
  return { decision: result.decision, events: events(), cancel: () => {} };
}
