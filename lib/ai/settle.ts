import type { NewAiRequest } from "@/db/schema";
import type { ModelInfo } from "./catalogue";
import type { Ledger } from "./ledger";
import type { StoredAnswer, Usage } from "./types";

/** What every ledger row of one request shares (who, what was asked, where it came from). */
export type LedgerBase = Omit<NewAiRequest, "latencyMs" | "status">;

/** How a routed request ended; exactly one per request. */
export type Outcome =
  /** Refused before any provider was called: over budget, no model can serve it, a shared call failed. */
  | { kind: "refused"; errorClass: "budget_exceeded" | "no_route" | "coalesced_failure" }
  /** Served without a provider call: a cache hit or an identical in-flight call's answer. */
  | { kind: "shared"; answer: StoredAnswer; stream: boolean }
  /** A provider answered in full. */
  | {
      kind: "answered";
      model: ModelInfo;
      usage: Usage;
      costUsd: number;
      fallbacks: number;
      ttftMs?: number;
    }
  /**
   * Every candidate failed, the client left, or a stream broke after its first token (then with
   * the model that was streaming and the estimated tokens it will bill).
   */
  | {
      kind: "failed";
      errorClass: string;
      model?: Pick<ModelInfo, "id" | "provider">;
      usage?: Usage;
      costUsd?: number;
      fallbacks: number;
      ttftMs?: number;
    };

/**
 * Records how a request ended: the one place a ledger row is written (and, later, its metrics).
 * Returns the request's latency, so the answer and its row agree on it.
 */
export function settle(
  ledger: Ledger,
  request: { base: LedgerBase; started: number; release?: () => void },
  outcome: Outcome,
): number {
  request.release?.(); // the budget reservation: the row below now carries the real cost
  const latencyMs = Math.round(performance.now() - request.started);
  ledger.record({ ...request.base, latencyMs, ...columnsOf(outcome, latencyMs) });
  return latencyMs;
}

function columnsOf(
  o: Outcome,
  latencyMs: number,
): Pick<NewAiRequest, "status"> & Partial<NewAiRequest> {
  switch (o.kind) {
    case "refused":
      return { status: "error", errorClass: o.errorClass };
    case "shared":
      return {
        status: "ok",
        servedModel: o.answer.model,
        provider: o.answer.provider,
        ...o.answer.usage,
        costUsd: 0,
        cached: true,
        // A replayed answer's first token is there at once.
        ttftMs: o.stream ? latencyMs : undefined,
      };
    case "answered":
      return {
        status: "ok",
        servedModel: o.model.id,
        provider: o.model.provider,
        ...o.usage,
        costUsd: o.costUsd,
        fallbackCount: o.fallbacks,
        ttftMs: o.ttftMs,
      };
    case "failed":
      return {
        status: "error",
        errorClass: o.errorClass,
        servedModel: o.model?.id,
        provider: o.model?.provider,
        ...o.usage,
        costUsd: o.costUsd,
        fallbackCount: o.fallbacks,
        ttftMs: o.ttftMs,
      };
  }
}
