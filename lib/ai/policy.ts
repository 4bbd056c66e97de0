import type { Capability, ModelInfo, ProviderId } from "./catalogue";
import type { TaskType } from "./task-types";

export type Strategy = "quality" | "cost" | "latency";

export interface TaskPolicy {
  strategy: Strategy;
  /** Tried first, in this order, when available and fit; the rest follow by strategy. */
  preferred: string[];
}

/** Shipped policies: cheap and fast where quality barely differs, the strongest models where it does. */
export const DEFAULT_POLICIES: Record<TaskType, TaskPolicy> = {
  chat: {
    strategy: "cost",
    preferred: ["gpt-4o-mini", "claude-3-5-haiku-latest", "gemini-1.5-flash"],
  },
  code: {
    strategy: "quality",
    preferred: ["claude-3-5-sonnet-latest", "gpt-4o", "gemini-1.5-pro"],
  },
  summarize: {
    strategy: "cost",
    preferred: ["gemini-1.5-flash", "gpt-4o-mini", "claude-3-5-haiku-latest"],
  },
  analysis: {
    strategy: "quality",
    preferred: ["gpt-4o", "claude-3-5-sonnet-latest", "gemini-1.5-pro"],
  },
  creative: { strategy: "quality", preferred: ["claude-3-5-sonnet-latest", "gpt-4o"] },
  extraction: {
    strategy: "cost",
    preferred: ["gpt-4o-mini", "gemini-1.5-flash", "claude-3-5-haiku-latest"],
  },
};

export interface RouteNeeds {
  capabilities?: Capability[];
  /** Prompt tokens (estimated) plus the output budget: the context window must hold them. */
  tokens?: number;
}

export interface RouteChoice {
  model: ModelInfo;
  /** The chosen model first, then the fallbacks in the order they will be tried. */
  candidates: ModelInfo[];
  reason: string;
}

export class NoRouteError extends Error {
  constructor(
    message: string,
    /** `unknown_model`: the explicit model is not in the catalogue or its provider is absent. */
    readonly kind: "no_provider" | "unknown_model" | "cannot_serve" = "cannot_serve",
  ) {
    super(message);
    this.name = "NoRouteError";
  }
}

const blended = (m: ModelInfo) => m.inputPerMTok + 3 * m.outputPerMTok; // answers are usually longer than they cost to ask

const ORDER: Record<Strategy, (a: ModelInfo, b: ModelInfo) => number> = {
  quality: (a, b) => b.quality - a.quality || blended(a) - blended(b),
  cost: (a, b) => blended(a) - blended(b) || b.quality - a.quality,
  latency: (a, b) => a.latency - b.latency || blended(a) - blended(b),
};

function fits(m: ModelInfo, needs: RouteNeeds): boolean {
  return (
    (needs.capabilities ?? []).every((c) => m.capabilities.includes(c)) &&
    (needs.tokens ?? 0) <= m.contextWindow
  );
}

/**
 * Picks the model for a request and the fallbacks behind it: only models whose provider is
 * configured and that fit the request (capabilities, context window). An explicit model overrides
 * the policy but must itself be available and fit; it has no fallbacks unless the caller allows
 * them (`allowFallback`), and then they are the policy's for the task.
 */
export function chooseRoute(input: {
  taskType: TaskType;
  models: ModelInfo[];
  available: ReadonlySet<ProviderId>;
  policy?: TaskPolicy;
  explicitModel?: string;
  /** Whether other models may stand in for the explicit one. */
  allowFallback?: boolean;
  needs?: RouteNeeds;
}): RouteChoice {
  const policy = input.policy ?? DEFAULT_POLICIES[input.taskType];
  const needs = input.needs ?? {};
  const usable = input.models.filter((m) => input.available.has(m.provider));
  if (usable.length === 0)
    throw new NoRouteError(
      "No AI provider is configured. Set OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_GENERATIVE_AI_API_KEY or an OPENAI_COMPATIBLE_<NAME>_BASE_URL.",
      "no_provider",
    );
  const fitting = usable.filter((m) => fits(m, needs));
  const rank = (m: ModelInfo) => {
    const i = policy.preferred.indexOf(m.id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const ordered = [...fitting].sort((a, b) => rank(a) - rank(b) || ORDER[policy.strategy](a, b));

  if (input.explicitModel) {
    const model = usable.find((m) => m.id === input.explicitModel);
    if (!model)
      throw new NoRouteError(
        `Model "${input.explicitModel}" is not available: its provider is not configured or the model is unknown.`,
        "unknown_model",
      );
    if (!fits(model, needs))
      throw new NoRouteError(
        `Model "${model.id}" cannot serve this request (needs ${describeNeeds(needs)}).`,
      );
    if (!input.allowFallback)
      return {
        model,
        candidates: [model],
        reason: `model "${model.id}" requested explicitly; no fallback allowed`,
      };
    const fallbacks = ordered.filter((m) => m !== model);
    return {
      model,
      candidates: [model, ...fallbacks],
      reason: `model "${model.id}" requested explicitly; ${fallbacks.length} fallback(s) allowed`,
    };
  }
  const [model] = ordered;
  if (!model)
    throw new NoRouteError(
      `No configured model can serve this request (needs ${describeNeeds(needs)}).`,
    );
  const why =
    rank(model) !== Number.MAX_SAFE_INTEGER
      ? `first preferred model available for ${input.taskType}`
      : `best by ${policy.strategy} for ${input.taskType}`;
  return { model, candidates: ordered, reason: `${why}; ${ordered.length - 1} fallback(s)` };
}

function describeNeeds(needs: RouteNeeds): string {
  const parts = [
    ...(needs.capabilities ?? []),
    ...(needs.tokens ? [`${needs.tokens} tokens of context`] : []),
  ];
  return parts.length ? parts.join(", ") : "nothing special";
}
