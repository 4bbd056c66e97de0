import { z } from "zod";
import { parseHeapLimitMb } from "./heap";

/**
 * The environment's variables as zod types: each names its rule in its error, so start-up can
 * say exactly what to fix. lib/env.ts turns the parsed values into the typed `Env`.
 */

export type Source = Record<string, string | undefined>;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());

const int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `must be a whole number between ${min} and ${max}` })
      .int({ error: `must be a whole number between ${min} and ${max}` })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

export const urlWith = (protocols: string[], example: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be a ${protocols.join(" or ")} URL, e.g. ${example}` },
  );

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export const EnvSchema = z.object({
  ENVIRONMENT: z.preprocess(
    blankToUndefined,
    z
      .enum(["development", "test", "production"], {
        error: "must be development, test or production",
      })
      .default("development"),
  ),
  DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(
    urlWith(["postgres:", "postgresql:"], "postgres://user:pass@host:5432/db"),
  ),
  DB_POOL_MIN: int(0, 100, 0),
  DB_POOL_MAX: int(1, 1000, 10),
  DB_MAX_LIFETIME: int(0, 86_400, 1800),
  DB_IDLE_TIMEOUT: int(0, 86_400, 60),
  DB_CONNECT_TIMEOUT: int(1, 600, 10),
  /** Seconds a statement may run (server-side statement_timeout; the client waits 1 s more). */
  DB_STATEMENT_TIMEOUT: int(1, 3600, 30),
  /** Milliseconds without an answer after which PostgreSQL counts as unreachable (503 at once). */
  DB_UNREACHABLE_MS: int(200, 60_000, 1000),
  DB_MAX_QUERIES: int(0, 100_000_000, 0),
  CACHE_DB_PATH: optional(z.string()),
  CACHE_TTL: optional(z.string()),
  CACHE_CLEANUP_INTERVAL_SECONDS: int(10, 86_400, 600),
  /** On SIGTERM: how long in-flight requests and streams get to finish before they are ended. */
  SHUTDOWN_DRAIN_SECONDS: int(0, 600, 20),
  /** The server entry's port when no -p/--port is given (as `next start` reads it). */
  PORT: int(1, 65_535, 3000),
  /**
   * The server entry's V8 heap cap in MB (`--max-old-space-size`; not in dev mode): without one
   * V8 lets the heap grow toward ~4 GB before it collects in earnest. 0 = V8's own default.
   */
  HEAP_LIMIT_MB: z
    .string()
    .optional()
    .transform((raw, c) => {
      const v = parseHeapLimitMb(raw);
      if (typeof v === "number") return v;
      c.addIssue({ code: "custom", message: v.error });
      return z.NEVER;
    }),
  AI_TIMEOUT_MS: int(100, 600_000, 30_000),
  AI_RETRIES: int(0, 5, 1),
  /** One request as a whole: every attempt, retry and wait on every candidate (504 after it). */
  AI_REQUEST_DEADLINE_MS: int(100, 600_000, 60_000),
  AI_BREAKER_FAILURES: int(1, 100, 5),
  AI_BREAKER_OPEN_SECONDS: int(1, 3600, 30),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })),
  SECRET_KEY: optional(z.string()),
  CORS_ORIGINS: optional(z.string()),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(urlWith(["http:", "https:"], "https://api.openai.com/v1")),
  ANTHROPIC_API_KEY: optional(z.string()),
  ANTHROPIC_BASE_URL: optional(urlWith(["http:", "https:"], "https://api.anthropic.com/v1")),
  GOOGLE_GENERATIVE_AI_API_KEY: optional(z.string()),
  REDIS_URL: optional(urlWith(["redis:", "rediss:"], "redis://127.0.0.1:6379")),
  UPSTASH_REDIS_REST_URL: optional(urlWith(["https:"], "https://eu1-example.upstash.io")),
  UPSTASH_REDIS_REST_TOKEN: optional(z.string()),
  SENTRY_DSN: optional(urlWith(["https:", "http:"], "https://key@o0.ingest.sentry.io/0")),
  ALERT_WEBHOOK_URL: optional(urlWith(["https:", "http:"], "https://hooks.example.com/alerts")),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: int(1, 1_000_000, 60),
  RATE_LIMIT_AUTHENTICATED_PER_MINUTE: int(1, 1_000_000, 300),
  RATE_LIMIT_PREMIUM_PER_MINUTE: int(1, 1_000_000, 1200),
  RATE_LIMIT_AUTH_PER_MINUTE: int(1, 1_000_000, 10),
  TRUSTED_PROXIES: optional(z.string()),
  ADMIN_EMAIL: optional(z.email({ error: "must be an email address" })),
  PASSWORD_HASH_COST: int(4, 15, 12),
  SESSION_MAX_AGE_HOURS: int(1, 24 * 90, 24 * 7),
  LOGIN_MAX_FAILURES: int(1, 100, 5),
  LOGIN_LOCKOUT_MINUTES: int(1, 24 * 60, 15),
  /** Hosts (exact or *.wildcard) and CIDRs the workflow http node may reach although private. */
  WORKFLOW_HTTP_ALLOW: optional(z.string()),
  /** on: this process works workflow runs from the queue; off: it only enqueues them. */
  WORKFLOW_WORKER: optional(z.enum(["on", "off"], { error: "must be on or off" })),
  WORKFLOW_CONCURRENCY: int(1, 64, 4),
  WORKFLOW_MAX_RUNS_IN_FLIGHT: int(1, 100_000, 100),
  WORKFLOW_RUN_MAX_SECONDS: int(10, 7 * 24 * 3600, 3600),
  /** The bearer secret of GET /api/workflows/cron (Vercel Cron works the queue through it). */
  CRON_SECRET: optional(z.string().min(16, { error: "must be at least 16 characters" })),
});
