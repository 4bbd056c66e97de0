import "server-only";
import type { Ctx } from "../context";
import type { ProviderId } from "./catalogue";
import type { CatalogueEntry } from "./catalogue-store";
import type { ModelCircuit } from "./circuits";

export interface ProviderStatus {
  id: string;
  label: string;
  configured: boolean;
  /** How to add it when it is not configured. */
  setup: string;
  circuit: string;
  /** Its models whose own circuit is open or half-open (the provider's circuit may be closed). */
  modelCircuits: ModelCircuit[];
}

const PROVIDERS = [
  {
    id: "openai",
    label: "OpenAI",
    setup: "Set OPENAI_API_KEY (and OPENAI_BASE_URL for a proxy) and restart.",
  },
  { id: "anthropic", label: "Anthropic", setup: "Set ANTHROPIC_API_KEY and restart." },
  { id: "google", label: "Google Gemini", setup: "Set GOOGLE_GENERATIVE_AI_API_KEY and restart." },
] as const;

export type ModelView = CatalogueEntry & { available: boolean };

/** Catalogue models (all of them, or only those the caller can route to) and provider status. */
export async function catalogueView(
  ctx: Ctx,
  all: boolean,
): Promise<{ models: ModelView[]; providers: ProviderStatus[] }> {
  const { available, compatible, circuit, modelCircuits } = ctx.ai.providers;
  const models = (await ctx.ai.catalogue.all())
    .map((m) => ({ ...m, available: available.has(m.provider) }))
    .filter((m) => all || (m.enabled && m.available));
  const providers: ProviderStatus[] = [
    ...PROVIDERS.map((p) => ({
      ...p,
      configured: available.has(p.id),
      circuit: circuit(p.id),
      modelCircuits: modelCircuits(p.id),
    })),
    ...compatible.map((name) => ({
      id: `compat:${name}` as ProviderId,
      label: `${name} (OpenAI-compatible)`,
      configured: true,
      setup: "",
      circuit: circuit(`compat:${name}`),
      modelCircuits: modelCircuits(`compat:${name}`),
    })),
  ];
  if (!compatible.length) {
    providers.push({
      id: "compat",
      label: "OpenAI-compatible (Ollama, OpenRouter, Groq, vLLM…)",
      configured: false,
      setup:
        "Set OPENAI_COMPATIBLE_<NAME>_BASE_URL, _API_KEY and _MODELS (e.g. OPENAI_COMPATIBLE_OLLAMA_BASE_URL=http://127.0.0.1:11434/v1) and restart.",
      circuit: "closed",
      modelCircuits: [],
    });
  }
  return { models, providers };
}
