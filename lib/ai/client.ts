import type { Ctx } from "../context";
import type { BreakerState } from "./breaker";
import type { ProviderId } from "./catalogue";
import type { CatalogueEntry } from "./catalogue-store";
import type { ModelCircuit } from "./circuits";
import type { CompletionInput, CompletionResult, StreamHandle } from "./types";

/**
 * The AI router as services use it (`ctx.ai`): routed completions, and the handles the admin
 * services need. Consumers depend on this, never on the router class, so a test or a worker can
 * hand in another implementation.
 */
export interface AiClient {
  complete(ctx: Ctx, input: CompletionInput): Promise<CompletionResult>;
  stream(ctx: Ctx, input: CompletionInput): Promise<StreamHandle>;
  /** The model catalogue: shipped defaults merged with admin edits. */
  readonly catalogue: { all(): Promise<CatalogueEntry[]>; invalidate(): void };
  /** Spending caps are cached briefly; an admin change invalidates them. */
  readonly budgets: { invalidate(): void };
  /** Configured providers (credentials present), each one's circuit and its models' own. */
  readonly providers: {
    readonly available: ReadonlySet<ProviderId>;
    /** Names of the configured OpenAI-compatible endpoints. */
    readonly compatible: readonly string[];
    circuit(provider: string): BreakerState;
    /** The provider's models whose own circuit is open or half-open (the others are closed). */
    modelCircuits(provider: string): ModelCircuit[];
  };
}
