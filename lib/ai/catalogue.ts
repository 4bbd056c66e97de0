import type { CompatibleProvider } from "../env";

/**
 * The shipped model catalogue: what the router knows about each model. Prices are USD per one
 * million tokens at the time of writing; admins will edit them (stored in the database) when the
 * router lands. OpenAI-compatible endpoints (Ollama, vLLM, …) contribute their configured models
 * with unknown (zero) price and a conservative context window.
 */

export type ProviderId = "openai" | "anthropic" | "google" | `compat:${string}`;
export type QualityTier = 1 | 2 | 3; // economy, standard, premium
export type Capability = "tools" | "vision" | "json";

export interface ModelInfo {
  id: string;
  provider: ProviderId;
  inputPerMTok: number;
  outputPerMTok: number;
  contextWindow: number;
  capabilities: Capability[];
  quality: QualityTier;
  /** Relative speed class: 1 fastest. */
  latency: 1 | 2 | 3;
}

export const DEFAULT_MODELS: ModelInfo[] = [
  {
    id: "gpt-4o",
    provider: "openai",
    inputPerMTok: 2.5,
    outputPerMTok: 10,
    contextWindow: 128_000,
    capabilities: ["tools", "vision", "json"],
    quality: 3,
    latency: 2,
  },
  {
    id: "gpt-4o-mini",
    provider: "openai",
    inputPerMTok: 0.15,
    outputPerMTok: 0.6,
    contextWindow: 128_000,
    capabilities: ["tools", "vision", "json"],
    quality: 2,
    latency: 1,
  },
  {
    id: "claude-3-5-sonnet-latest",
    provider: "anthropic",
    inputPerMTok: 3,
    outputPerMTok: 15,
    contextWindow: 200_000,
    capabilities: ["tools", "vision", "json"],
    quality: 3,
    latency: 2,
  },
  {
    id: "claude-3-5-haiku-latest",
    provider: "anthropic",
    inputPerMTok: 0.8,
    outputPerMTok: 4,
    contextWindow: 200_000,
    capabilities: ["tools", "json"],
    quality: 2,
    latency: 1,
  },
  {
    id: "gemini-1.5-pro",
    provider: "google",
    inputPerMTok: 1.25,
    outputPerMTok: 5,
    contextWindow: 2_000_000,
    capabilities: ["tools", "vision", "json"],
    quality: 3,
    latency: 3,
  },
  {
    id: "gemini-1.5-flash",
    provider: "google",
    inputPerMTok: 0.075,
    outputPerMTok: 0.3,
    contextWindow: 1_000_000,
    capabilities: ["tools", "vision", "json"],
    quality: 1,
    latency: 1,
  },
];

const COMPAT_CONTEXT = 8_192;

export function compatibleModels(providers: CompatibleProvider[]): ModelInfo[] {
  return providers.flatMap((p) =>
    p.models.map((id): ModelInfo => ({
      id,
      provider: `compat:${p.name}`,
      inputPerMTok: 0,
      outputPerMTok: 0,
      contextWindow: COMPAT_CONTEXT,
      capabilities: [],
      quality: 2,
      latency: 2,
    })),
  );
}

/** USD for a request, from the catalogue's per-million prices. */
export function costOf(
  model: Pick<ModelInfo, "inputPerMTok" | "outputPerMTok">,
  inputTokens: number,
  outputTokens: number,
): number {
  return (inputTokens * model.inputPerMTok + outputTokens * model.outputPerMTok) / 1_000_000;
}
