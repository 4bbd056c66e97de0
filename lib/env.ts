import path from "node:path";
import { workflowSettings, type WorkflowSettings } from "./config/workflows";
import { readOrCreateDevSecret, generateSecretKey } from "./config/dev-secret";
import { compatibleProviders, isIpOrCidr, parseCacheTtl } from "./config/derived";
import { heapCapOf } from "./config/heap";
import {
  corsOriginProblem,
  secretKeyProblem,
  splitOrigins,
  type Environment,
} from "./config/rules";
import { EnvSchema, type LOG_LEVELS, type Source } from "./config/schema";
import type { TaskType } from "./ai/task-types";

/**
 * The only reader of process.env (lint-enforced). Every variable is validated once; a bad value
 * stops start-up with the variable's name and the fix (see `ConfigError`). SPEC §2. The variables'
 * rules are in lib/config/.
 */

export interface CompatibleProvider {
  name: string;
  baseUrl: string;
  apiKey?: string;
  models: string[];
}

export interface Env {
  environment: Environment;
  isProduction: boolean;
  dataDir: string;
  databaseUrl?: string;
  db: {
    poolMin: number;
    poolMax: number;
    maxLifetimeSeconds: number;
    idleTimeoutSeconds: number;
    connectTimeoutSeconds: number;
    statementTimeoutSeconds: number;
    unreachableAfterMs: number;
  };
  cacheDbPath: string;
  /** Seconds to keep cached answers, per task type (only those overridden by CACHE_TTL). */
  cacheTtl: Partial<Record<TaskType, number>>;
  cacheCleanupIntervalSeconds: number;
  /** SIGTERM: in-flight requests and streams get this long before open streams are ended. */
  shutdownDrainSeconds: number;
  /** The server entry's heap cap in MB (0: V8's default); applied by server.ts at start. */
  heapLimitMb: number;
  /** The heap cap this process runs with (`--max-old-space-size`, in MB), or null for none. */
  heapCapMb: number | null;
  /** The server entry's port when no -p/--port flag is given. */
  port: number;
  ai: {
    timeoutMs: number;
    retries: number;
    /** The whole request: attempts, retries and waits, on every candidate. */
    requestDeadlineMs: number;
    breakerFailures: number;
    breakerOpenSeconds: number;
  };
  logLevel: (typeof LOG_LEVELS)[number];
  /** null outside production when no key was given; resolved by `resolveSecretKey`. */
  secretKey: string | null;
  corsOrigins: string[];
  providers: {
    openai?: { apiKey: string; baseUrl?: string };
    anthropic?: { apiKey: string; baseUrl?: string };
    google?: { apiKey: string };
    compatible: CompatibleProvider[];
  };
  redisUrl?: string;
  upstash?: { url: string; token: string };
  sentryDsn?: string;
  alertWebhookUrl?: string;
  rateLimits: { anonymous: number; authenticated: number; premium: number; auth: number };
  /** IPs/CIDRs of reverse proxies whose X-Forwarded-For entries are trusted. */
  trustedProxies: string[];
  /**
   * Who runs the process: the server entry (`npm start`, which sets AIOS_SERVER_ENTRY), Vercel
   * (VERCEL), or neither (plain `next start`, which has no socket-level client address).
   */
  runtime: "server-entry" | "vercel" | "next";
  auth: {
    adminEmail?: string;
    passwordHashCost: number;
    sessionMaxAgeSeconds: number;
    loginMaxFailures: number;
    lockoutSeconds: number;
  };
  workflows: WorkflowSettings;
  warnings: string[];
}

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      "Invalid configuration; fix these environment variables (see .env.example):\n" +
        issues.map((i) => `  - ${i.variable} ${i.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Pure: validates a variable map. Throws ConfigError listing every problem at once. */
export function parseEnv(source: Source, cwd = process.cwd()): Env {
  const parsed = EnvSchema.safeParse(source);
  const issues: ConfigIssue[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push({ variable: String(issue.path[0]), message: issue.message });
  }
  const compatible = compatibleProviders(source, issues);
  if (!parsed.success) throw new ConfigError(issues);
  const v = parsed.data;
  const environment = v.ENVIRONMENT;
  const warnings: string[] = [];

  if (v.SECRET_KEY !== undefined) {
    const problem = secretKeyProblem(v.SECRET_KEY, environment);
    if (problem) issues.push({ variable: "SECRET_KEY", message: problem });
  } else if (environment === "production") {
    issues.push({
      variable: "SECRET_KEY",
      message: "is required in production: generate one with `npm run secret -- 64`",
    });
  }
  const corsOrigins = splitOrigins(v.CORS_ORIGINS);
  for (const origin of corsOrigins) {
    const problem = corsOriginProblem(origin, environment);
    if (problem) issues.push({ variable: "CORS_ORIGINS", message: problem });
  }
  if (v.DB_POOL_MIN > v.DB_POOL_MAX) {
    issues.push({
      variable: "DB_POOL_MIN",
      message: `(${v.DB_POOL_MIN}) must not exceed DB_POOL_MAX (${v.DB_POOL_MAX})`,
    });
  }
  if (environment === "production" && v.PASSWORD_HASH_COST < 12) {
    issues.push({
      variable: "PASSWORD_HASH_COST",
      message: `(${v.PASSWORD_HASH_COST}) must be at least 12 in production`,
    });
  }
  const cacheTtl = parseCacheTtl(v.CACHE_TTL, issues);
  const trustedProxies = splitOrigins(v.TRUSTED_PROXIES);
  for (const entry of trustedProxies) {
    if (!isIpOrCidr(entry))
      issues.push({
        variable: "TRUSTED_PROXIES",
        message: `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, ::1)`,
      });
  }
  if (Boolean(v.UPSTASH_REDIS_REST_URL) !== Boolean(v.UPSTASH_REDIS_REST_TOKEN)) {
    const missing = v.UPSTASH_REDIS_REST_URL
      ? "UPSTASH_REDIS_REST_TOKEN"
      : "UPSTASH_REDIS_REST_URL";
    issues.push({
      variable: missing,
      message:
        "is missing: set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither",
    });
  }
  if (issues.length) throw new ConfigError(issues);

  if (v.DB_MAX_QUERIES > 0) {
    warnings.push(
      "DB_MAX_QUERIES is ignored: postgres.js recycles connections by age, not query count; set DB_MAX_LIFETIME (seconds) instead",
    );
  }
  if (v.AI_REQUEST_DEADLINE_MS <= v.AI_TIMEOUT_MS) {
    warnings.push(
      `AI_REQUEST_DEADLINE_MS (${v.AI_REQUEST_DEADLINE_MS}) is not above AI_TIMEOUT_MS (${v.AI_TIMEOUT_MS}): attempts are cut to the request's deadline, so none gets its whole timeout; set AI_TIMEOUT_MS well below it to leave a fallback time`,
    );
  }
  const dataDir = path.resolve(cwd, v.DATA_DIR ?? "data");
  return {
    environment,
    isProduction: environment === "production",
    dataDir,
    databaseUrl: v.DATABASE_URL,
    db: {
      poolMin: v.DB_POOL_MIN,
      poolMax: v.DB_POOL_MAX,
      maxLifetimeSeconds: v.DB_MAX_LIFETIME,
      idleTimeoutSeconds: v.DB_IDLE_TIMEOUT,
      connectTimeoutSeconds: v.DB_CONNECT_TIMEOUT,
      statementTimeoutSeconds: v.DB_STATEMENT_TIMEOUT,
      unreachableAfterMs: v.DB_UNREACHABLE_MS,
    },
    cacheDbPath: path.resolve(cwd, v.CACHE_DB_PATH ?? path.join(dataDir, "cache.sqlite")),
    cacheTtl,
    cacheCleanupIntervalSeconds: v.CACHE_CLEANUP_INTERVAL_SECONDS,
    shutdownDrainSeconds: v.SHUTDOWN_DRAIN_SECONDS,
    port: v.PORT,
    heapLimitMb: v.HEAP_LIMIT_MB,
    heapCapMb: heapCapOf(process.execArgv, source.NODE_OPTIONS),
    ai: {
      timeoutMs: v.AI_TIMEOUT_MS,
      retries: v.AI_RETRIES,
      requestDeadlineMs: v.AI_REQUEST_DEADLINE_MS,
      breakerFailures: v.AI_BREAKER_FAILURES,
      breakerOpenSeconds: v.AI_BREAKER_OPEN_SECONDS,
    },
    logLevel: v.LOG_LEVEL ?? (environment === "test" ? "warn" : "info"),
    secretKey: v.SECRET_KEY ?? null,
    corsOrigins,
    providers: {
      openai: v.OPENAI_API_KEY
        ? { apiKey: v.OPENAI_API_KEY, baseUrl: v.OPENAI_BASE_URL }
        : undefined,
      anthropic: v.ANTHROPIC_API_KEY
        ? { apiKey: v.ANTHROPIC_API_KEY, baseUrl: v.ANTHROPIC_BASE_URL }
        : undefined,
      google: v.GOOGLE_GENERATIVE_AI_API_KEY
        ? { apiKey: v.GOOGLE_GENERATIVE_AI_API_KEY }
        : undefined,
      compatible,
    },
    redisUrl: v.REDIS_URL,
    upstash:
      v.UPSTASH_REDIS_REST_URL && v.UPSTASH_REDIS_REST_TOKEN
        ? { url: v.UPSTASH_REDIS_REST_URL, token: v.UPSTASH_REDIS_REST_TOKEN }
        : undefined,
    sentryDsn: v.SENTRY_DSN,
    alertWebhookUrl: v.ALERT_WEBHOOK_URL,
    rateLimits: {
      anonymous: v.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      authenticated: v.RATE_LIMIT_AUTHENTICATED_PER_MINUTE,
      premium: v.RATE_LIMIT_PREMIUM_PER_MINUTE,
      auth: v.RATE_LIMIT_AUTH_PER_MINUTE,
    },
    trustedProxies,
    workflows: workflowSettings(v),
    runtime: source.AIOS_SERVER_ENTRY ? "server-entry" : source.VERCEL ? "vercel" : "next",
    auth: {
      adminEmail: v.ADMIN_EMAIL?.toLowerCase(),
      passwordHashCost: v.PASSWORD_HASH_COST,
      sessionMaxAgeSeconds: v.SESSION_MAX_AGE_HOURS * 3600,
      loginMaxFailures: v.LOGIN_MAX_FAILURES,
      lockoutSeconds: v.LOGIN_LOCKOUT_MINUTES * 60,
    },
    warnings,
  };
}

/**
 * The validated configuration of this process's environment. Read once, by the composition root
 * (lib/services.ts) and by entries that run without it (proxy.ts, scripts); never per request.
 */
export function loadEnv(): Env {
  return parseEnv(process.env);
}

/**
 * The key that signs sessions. Outside production a missing SECRET_KEY is generated once and kept
 * in DATA_DIR/secret.key (tests: an in-memory key), so sessions survive a dev restart. Called once
 * per composition root, which keeps the result in its env (see `withSessionSecret`).
 */
export function resolveSecretKey(env: Env, warn: (msg: string) => void = console.warn): string {
  if (env.secretKey) return env.secretKey;
  if (env.environment === "test") return generateSecretKey(64);
  const { key, created } = readOrCreateDevSecret(env.dataDir);
  if (created) {
    warn(
      `SECRET_KEY is not set: generated a development key in ${path.join(env.dataDir, "secret.key")}. Set SECRET_KEY (npm run secret -- 64) before production.`,
    );
  }
  return key;
}

/** The env with its session secret resolved (a no-op when SECRET_KEY is set). */
export function withSessionSecret(env: Env, warn?: (msg: string) => void): Env {
  return env.secretKey ? env : { ...env, secretKey: resolveSecretKey(env, warn) };
}

/** The session secret of an env built by the composition root (which always resolves it). */
export function sessionSecret(env: Pick<Env, "secretKey">): string {
  if (!env.secretKey)
    throw new Error("The session secret was not resolved: build services with createServices().");
  return env.secretKey;
}

/** Next.js sets NEXT_PHASE while it builds; start-up work (database, signal handlers) is skipped then. */
export const isBuildPhase = (): boolean => process.env.NEXT_PHASE === "phase-production-build";
