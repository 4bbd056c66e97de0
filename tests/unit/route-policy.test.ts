import { describe, expect, it } from "vitest";
import { compatibleModels, costOf, DEFAULT_MODELS, type ProviderId } from "@/lib/ai/catalogue";
import { chooseRoute, NoRouteError } from "@/lib/ai/policy";

const all = new Set<ProviderId>(["openai", "anthropic", "google"]);
const ids = (r: { candidates: { id: string }[] }) => r.candidates.map((m) => m.id);

describe("chooseRoute", () => {
  it.each([
    ["chat", "gpt-4o-mini"],
    ["code", "claude-3-5-sonnet-latest"],
    ["summarize", "gemini-1.5-flash"],
    ["analysis", "gpt-4o"],
    ["creative", "claude-3-5-sonnet-latest"],
    ["extraction", "gpt-4o-mini"],
  ] as const)("%s → %s with every provider configured", (taskType, expected) => {
    const r = chooseRoute({ taskType, models: DEFAULT_MODELS, available: all });
    expect(r.model.id).toBe(expected);
    expect(r.reason).toContain(`first preferred model available for ${taskType}`);
    expect(r.candidates).toHaveLength(DEFAULT_MODELS.length);
  });

  it("skips providers that are not configured and keeps the policy order among the rest", () => {
    const r = chooseRoute({
      taskType: "code",
      models: DEFAULT_MODELS,
      available: new Set<ProviderId>(["openai"]),
    });
    expect(ids(r)).toEqual(["gpt-4o", "gpt-4o-mini"]);
  });

  it("orders models outside the preferred list by the strategy", () => {
    const quality = chooseRoute({
      taskType: "analysis",
      models: DEFAULT_MODELS,
      available: all,
      policy: { strategy: "quality", preferred: [] },
    });
    expect(ids(quality).slice(0, 3)).toEqual([
      "gemini-1.5-pro",
      "gpt-4o",
      "claude-3-5-sonnet-latest",
    ]);
    const cost = chooseRoute({
      taskType: "analysis",
      models: DEFAULT_MODELS,
      available: all,
      policy: { strategy: "cost", preferred: [] },
    });
    expect(ids(cost)[0]).toBe("gemini-1.5-flash");
    expect(cost.reason).toContain("best by cost for analysis");
    const latency = chooseRoute({
      taskType: "chat",
      models: DEFAULT_MODELS,
      available: all,
      policy: { strategy: "latency", preferred: [] },
    });
    expect(latency.model.latency).toBe(1);
  });

  it("only routes to models that fit: capabilities and context window", () => {
    const vision = chooseRoute({
      taskType: "chat",
      models: DEFAULT_MODELS,
      available: all,
      needs: { capabilities: ["vision"] },
    });
    expect(ids(vision)).not.toContain("claude-3-5-haiku-latest");
    const huge = chooseRoute({
      taskType: "summarize",
      models: DEFAULT_MODELS,
      available: all,
      needs: { tokens: 500_000 },
    });
    expect(ids(huge)).toEqual(["gemini-1.5-flash", "gemini-1.5-pro"]);
    expect(() =>
      chooseRoute({
        taskType: "summarize",
        models: DEFAULT_MODELS,
        available: all,
        needs: { tokens: 5_000_000 },
      }),
    ).toThrow(/No configured model can serve this request \(needs 5000000 tokens of context\)/);
  });

  it("an explicit model overrides the policy, alone; allowed, the policy's models become its fallbacks", () => {
    const explicit = { taskType: "chat", models: DEFAULT_MODELS, available: all } as const;
    const alone = chooseRoute({ ...explicit, explicitModel: "gpt-4o" });
    expect(alone.model.id).toBe("gpt-4o");
    expect(ids(alone)).toEqual(["gpt-4o"]);
    expect(alone.reason).toBe('model "gpt-4o" requested explicitly; no fallback allowed');
    const r = chooseRoute({ ...explicit, explicitModel: "gpt-4o", allowFallback: true });
    expect(r.model.id).toBe("gpt-4o");
    expect(r.reason).toBe('model "gpt-4o" requested explicitly; 5 fallback(s) allowed');
    expect(ids(r).slice(1, 3)).toEqual(["gpt-4o-mini", "claude-3-5-haiku-latest"]);
    expect(() =>
      chooseRoute({
        taskType: "chat",
        models: DEFAULT_MODELS,
        available: new Set<ProviderId>(["openai"]),
        explicitModel: "claude-3-5-haiku-latest",
      }),
    ).toThrow(NoRouteError);
    expect(() =>
      chooseRoute({
        taskType: "chat",
        models: DEFAULT_MODELS,
        available: all,
        explicitModel: "claude-3-5-haiku-latest",
        needs: { capabilities: ["vision"] },
      }),
    ).toThrow(/cannot serve this request \(needs vision\)/);
  });

  it("says how to add a provider when none is configured", () => {
    expect(() =>
      chooseRoute({ taskType: "chat", models: DEFAULT_MODELS, available: new Set() }),
    ).toThrow(/Set OPENAI_API_KEY, ANTHROPIC_API_KEY/);
  });

  it("routes to OpenAI-compatible endpoints from config", () => {
    const models = [
      ...DEFAULT_MODELS,
      ...compatibleModels([
        {
          name: "ollama",
          baseUrl: "http://127.0.0.1:11434/v1",
          models: ["llama3.1", "qwen2.5-coder"],
        },
      ]),
    ];
    const r = chooseRoute({
      taskType: "chat",
      models,
      available: new Set<ProviderId>(["compat:ollama"]),
    });
    expect(ids(r)).toEqual(["llama3.1", "qwen2.5-coder"]);
    expect(r.model.provider).toBe("compat:ollama");
  });
});

describe("costOf", () => {
  it("prices input and output per million tokens", () => {
    expect(costOf({ inputPerMTok: 2.5, outputPerMTok: 10 }, 1000, 500)).toBeCloseTo(0.0075, 10);
    expect(costOf({ inputPerMTok: 0, outputPerMTok: 0 }, 10_000, 10_000)).toBe(0);
  });
});
