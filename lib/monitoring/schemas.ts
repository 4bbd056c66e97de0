import { z } from "zod";

const CircuitState = z.enum(["closed", "open", "half_open"]);

export const ProviderState = z.object({
  id: z.string().describe("Provider id: openai, anthropic, google, or compat:<name>"),
  label: z.string().describe("The provider's name"),
  configured: z.boolean().describe("Its credentials are set, so the router can use it"),
  circuit: CircuitState.describe(
    "The provider's circuit breaker (the endpoint: unreachable, its gateway down, key refused): open = every model on it skipped after repeated failures, half_open = being probed",
  ),
  modelCircuits: z
    .array(
      z.object({
        model: z.string().describe("Catalogue model id"),
        circuit: CircuitState.describe("open = skipped, half_open = being probed"),
      }),
    )
    .describe(
      "Models on this provider whose own circuit is not closed (the endpoint answered, but failed for that model); the others are closed",
    ),
  models: z.number().int().describe("Enabled catalogue models the router can route to on it"),
  setup: z
    .string()
    .optional()
    .describe(
      "How to add it, when it is not configured: static help (the dashboard shows it to admins; members are told to ask one)",
    ),
});
export type ProviderState = z.infer<typeof ProviderState>;

export const SystemStatusOutput = z.object({
  database: z
    .object({
      status: z.enum(["ok", "error"]).describe("Whether it answered a probe query"),
      engine: z
        .enum(["pglite", "postgres"])
        .describe("pglite: embedded PostgreSQL; postgres: a PostgreSQL server (DATABASE_URL)"),
      latencyMs: z.number().optional().describe("The probe's round trip, when it answered"),
    })
    .describe("The application database"),
  cache: z
    .object({
      status: z
        .enum(["ok", "degraded"])
        .describe(
          "degraded: the cache file is unusable (answers served uncached) or cannot be written (locked, disk full; hits still served); it retries by itself",
        ),
      entries: z.number().int().optional().describe("Cached answers (admins only)"),
      hitRate: z.number().optional().describe("Hits / lookups since start, 0–1 (admins only)"),
    })
    .describe("The AI response cache"),
  providers: z
    .array(ProviderState)
    .describe("Every AI provider the router knows, configured or not"),
});
export type SystemStatusOutput = z.infer<typeof SystemStatusOutput>;
