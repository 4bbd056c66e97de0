import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateSecretKey } from "@/lib/config/dev-secret";
import { ConfigError, parseEnv, resolveSecretKey, type ConfigIssue } from "@/lib/env";

const STRONG = "Qm8#vT2$kL9@pX4&wZ7!rN3^bH6*cJ1%fD5(gS0)yA2-eU8+iO4=uP7~tR3?lK9z";

function issuesOf(source: Record<string, string>): ConfigIssue[] {
  try {
    parseEnv(source, "/srv/app");
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
}

describe("SECRET_KEY", () => {
  it.each([
    [
      "missing in production",
      { ENVIRONMENT: "production" },
      /required in production.*npm run secret -- 64/,
    ],
    [
      "too short in production",
      { ENVIRONMENT: "production", SECRET_KEY: "Ab1!".repeat(10) },
      /40 characters; production needs at least 64/,
    ],
    [
      "two character classes",
      { ENVIRONMENT: "production", SECRET_KEY: "kdjfhgqpwoeiruty5820471936zmxncbva".repeat(2) },
      /2 character class/,
    ],
    [
      "placeholder",
      { ENVIRONMENT: "production", SECRET_KEY: `changeme-${STRONG}` },
      /placeholder \(contains "changeme"\)/,
    ],
    [
      "example value",
      { ENVIRONMENT: "production", SECRET_KEY: `Your-Secret-Key-Here-${STRONG}` },
      /placeholder/,
    ],
    [
      "repetitive",
      { ENVIRONMENT: "production", SECRET_KEY: "aA1!".repeat(20) },
      /too few distinct characters/,
    ],
    ["too short in development", { SECRET_KEY: "short" }, /5 characters; use at least 32/],
  ])("rejects %s", (_name, source, message) => {
    const issues = issuesOf(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.variable).toBe("SECRET_KEY");
    expect(issues[0]!.message).toMatch(message);
  });

  it.each([
    ["a strong key in production", { ENVIRONMENT: "production", SECRET_KEY: STRONG }],
    [
      "a generated key in production",
      { ENVIRONMENT: "production", SECRET_KEY: generateSecretKey(64) },
    ],
    ["no key in development", {}],
    ["no key in test", { ENVIRONMENT: "test" }],
    ["a 32-character key in development", { SECRET_KEY: "x".repeat(32) }],
  ])("accepts %s", (_name, source) => {
    expect(issuesOf(source)).toEqual([]);
  });

  it("the error message names the variable and the fix", () => {
    expect(() => parseEnv({ ENVIRONMENT: "production", SECRET_KEY: "weak" })).toThrow(
      /SECRET_KEY is 4 characters.*npm run secret -- 64/,
    );
  });
});

describe("CORS_ORIGINS", () => {
  it.each([
    ["*", /"\*" is not allowed/],
    ["null", /"null" is not allowed/],
    ["https://*.example.com", /wildcard/],
    ["https://app.example.com/path", /path, query or trailing slash/],
    ["https://app.example.com/", /trailing slash/],
    ["https://app.example.com?x=1", /path, query/],
    ["not a url", /is not a URL/],
    ["ftp://files.example.com", /must use https/],
    ["https://user:pw@app.example.com", /credentials/],
    ["https://APP.example.com", /canonical form; write it as https:\/\/app.example.com/],
    ["https://app.example.com:443", /canonical form/],
  ])("rejects %s in any environment", (origin, message) => {
    for (const ENVIRONMENT of ["development", "production"]) {
      const issues = issuesOf({ ENVIRONMENT, SECRET_KEY: STRONG, CORS_ORIGINS: origin });
      expect(issues.map((i) => i.variable)).toEqual(["CORS_ORIGINS"]);
      expect(issues[0]!.message).toMatch(message);
    }
  });

  it("rejects http:// only in production", () => {
    expect(issuesOf({ CORS_ORIGINS: "http://x.example" })).toEqual([]);
    const issues = issuesOf({
      ENVIRONMENT: "production",
      SECRET_KEY: STRONG,
      CORS_ORIGINS: "http://x.example",
    });
    expect(issues).toEqual([
      {
        variable: "CORS_ORIGINS",
        message: expect.stringMatching(/http:\/\/ which production refuses/),
      },
    ]);
  });

  it("parses a list, trimming spaces and ignoring empty items", () => {
    const env = parseEnv({
      ENVIRONMENT: "production",
      SECRET_KEY: STRONG,
      CORS_ORIGINS: " https://a.example.com, https://b.example.com:8443 ,",
    });
    expect(env.corsOrigins).toEqual(["https://a.example.com", "https://b.example.com:8443"]);
  });

  it("reports every bad origin", () => {
    expect(issuesOf({ CORS_ORIGINS: "*,null" })).toHaveLength(2);
  });
});

describe("other variables", () => {
  it("applies documented defaults", () => {
    const env = parseEnv({}, "/srv/app");
    expect(env).toMatchObject({
      environment: "development",
      dataDir: "/srv/app/data",
      cacheDbPath: "/srv/app/data/cache.sqlite",
      databaseUrl: undefined,
      db: {
        poolMin: 0,
        poolMax: 10,
        maxLifetimeSeconds: 1800,
        idleTimeoutSeconds: 60,
        connectTimeoutSeconds: 10,
      },
      logLevel: "info",
      corsOrigins: [],
      providers: { compatible: [] },
      rateLimits: { anonymous: 60, authenticated: 300, premium: 1200, auth: 10 },
      ai: { timeoutMs: 30_000, retries: 1, requestDeadlineMs: 60_000 },
    });
    expect(parseEnv({}).warnings).toEqual([]);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", DB_POOL_MAX: " ", LOG_LEVEL: "" }).db.poolMax).toBe(10);
  });

  it.each([
    [{ ENVIRONMENT: "staging" }, "ENVIRONMENT", /development, test or production/],
    [{ DATABASE_URL: "mysql://x/y" }, "DATABASE_URL", /postgres: or postgresql: URL/],
    [{ DB_POOL_MAX: "0" }, "DB_POOL_MAX", /at least 1/],
    [{ DB_POOL_MAX: "ten" }, "DB_POOL_MAX", /whole number/],
    [{ DB_POOL_MAX: "2.5" }, "DB_POOL_MAX", /whole number/],
    [{ DB_POOL_MIN: "5", DB_POOL_MAX: "2" }, "DB_POOL_MIN", /must not exceed DB_POOL_MAX/],
    [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL", /one of fatal, error/],
    [{ REDIS_URL: "http://127.0.0.1:6379" }, "REDIS_URL", /redis: or rediss:/],
    [{ UPSTASH_REDIS_REST_URL: "https://u.example.io" }, "UPSTASH_REDIS_REST_TOKEN", /set both/],
    [{ UPSTASH_REDIS_REST_TOKEN: "t" }, "UPSTASH_REDIS_REST_URL", /set both/],
    [{ SENTRY_DSN: "nope" }, "SENTRY_DSN", /URL/],
    [{ ALERT_WEBHOOK_URL: "ftp://x" }, "ALERT_WEBHOOK_URL", /https: or http:/],
    [
      { OPENAI_COMPATIBLE_OLLAMA_MODELS: "llama3" },
      "OPENAI_COMPATIBLE_OLLAMA_BASE_URL",
      /is missing/,
    ],
    [
      { OPENAI_COMPATIBLE_GROQ_BASE_URL: "groq" },
      "OPENAI_COMPATIBLE_GROQ_BASE_URL",
      /http: or https: URL/,
    ],
    [{ RATE_LIMIT_AUTH_PER_MINUTE: "-1" }, "RATE_LIMIT_AUTH_PER_MINUTE", /at least 1/],
  ])("rejects %j", (source, variable, message) => {
    const issues = issuesOf(source as Record<string, string>);
    expect(issues.map((i) => i.variable)).toContain(variable);
    expect(issues.find((i) => i.variable === variable)!.message).toMatch(message);
  });

  it("collects OpenAI-compatible endpoints by name", () => {
    const env = parseEnv({
      OPENAI_COMPATIBLE_OLLAMA_BASE_URL: "http://127.0.0.1:11434/v1/",
      OPENAI_COMPATIBLE_OLLAMA_MODELS: "llama3.1, qwen2.5-coder",
      OPENAI_COMPATIBLE_OPEN_ROUTER_BASE_URL: "https://openrouter.ai/api/v1",
      OPENAI_COMPATIBLE_OPEN_ROUTER_API_KEY: "sk-or",
    });
    expect(env.providers.compatible).toEqual([
      {
        name: "ollama",
        baseUrl: "http://127.0.0.1:11434/v1",
        apiKey: undefined,
        models: ["llama3.1", "qwen2.5-coder"],
      },
      { name: "open-router", baseUrl: "https://openrouter.ai/api/v1", apiKey: "sk-or", models: [] },
    ]);
  });

  it("a provider without a key is absent", () => {
    const env = parseEnv({ OPENAI_API_KEY: "sk-1", OPENAI_BASE_URL: "http://127.0.0.1:9999/v1" });
    expect(env.providers.openai).toEqual({ apiKey: "sk-1", baseUrl: "http://127.0.0.1:9999/v1" });
    expect(env.providers.anthropic).toBeUndefined();
    expect(env.providers.google).toBeUndefined();
  });

  it("warns that DB_MAX_QUERIES cannot be honoured by postgres.js", () => {
    expect(parseEnv({ DB_MAX_QUERIES: "50000" }).warnings).toEqual([
      expect.stringMatching(/DB_MAX_QUERIES is ignored.*DB_MAX_LIFETIME/),
    ]);
  });

  it("validates AI_REQUEST_DEADLINE_MS, and warns when it cuts every attempt short", () => {
    expect(parseEnv({ AI_REQUEST_DEADLINE_MS: "45000" }).ai.requestDeadlineMs).toBe(45_000);
    expect(issuesOf({ AI_REQUEST_DEADLINE_MS: "fast" })[0]?.variable).toBe(
      "AI_REQUEST_DEADLINE_MS",
    );
    expect(issuesOf({ AI_REQUEST_DEADLINE_MS: "10" })[0]?.variable).toBe("AI_REQUEST_DEADLINE_MS");
    expect(parseEnv({ AI_TIMEOUT_MS: "20000", AI_REQUEST_DEADLINE_MS: "5000" }).warnings).toEqual([
      expect.stringMatching(/AI_REQUEST_DEADLINE_MS \(5000\) is not above AI_TIMEOUT_MS/),
    ]);
  });

  it("reports all problems at once", () => {
    const issues = issuesOf({
      ENVIRONMENT: "production",
      SECRET_KEY: "weak",
      CORS_ORIGINS: "http://x.example",
      DB_POOL_MAX: "x",
    });
    expect(issues.map((i) => i.variable).sort()).toEqual(["DB_POOL_MAX"]);
    // Schema errors come first; the secret and CORS rules run once the basic types are right.
    const later = issuesOf({
      ENVIRONMENT: "production",
      SECRET_KEY: "weak",
      CORS_ORIGINS: "http://x.example",
    });
    expect(later.map((i) => i.variable).sort()).toEqual(["CORS_ORIGINS", "SECRET_KEY"]);
  });
});

describe("development secret", () => {
  it("is generated once under DATA_DIR, private, and reused", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aios-secret-"));
    const warnings: string[] = [];
    const env = parseEnv({ DATA_DIR: dir });
    const first = resolveSecretKey(env, (m) => warnings.push(m));
    expect(first).toHaveLength(64);
    expect(readFileSync(path.join(dir, "secret.key"), "utf8").trim()).toBe(first);
    expect(statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([
      expect.stringMatching(/SECRET_KEY is not set: generated a development key/),
    ]);
  });

  it("an explicit key wins", () => {
    expect(resolveSecretKey(parseEnv({ ENVIRONMENT: "production", SECRET_KEY: STRONG }))).toBe(
      STRONG,
    );
  });
});
