import { describe, expect, it } from "vitest";
import { runTs } from "../helpers/spawn";

// The same loadConfigOrExit() runs in instrumentation.ts when the server starts.
const check = (env: Record<string, string | undefined>) =>
  runTs("scripts/check-config.ts", [], {
    DATABASE_URL: undefined,
    SECRET_KEY: undefined,
    CORS_ORIGINS: undefined,
    ...env,
  });

describe("start-up configuration check", () => {
  it("exits non-zero naming SECRET_KEY when production has a weak key", async () => {
    const run = await check({ ENVIRONMENT: "production", SECRET_KEY: "too-weak-secret" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("SECRET_KEY is 15 characters; production needs at least 64");
  });

  it("exits non-zero naming CORS_ORIGINS for an http origin in production", async () => {
    const run = await check({
      ENVIRONMENT: "production",
      SECRET_KEY: "Qm8#vT2$kL9@pX4&wZ7!rN3^bH6*cJ1%fD5(gS0)yA2-eU8+iO4=uP7~tR3?lK9z",
      CORS_ORIGINS: "http://x.example",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'CORS_ORIGINS "http://x.example" uses http:// which production refuses',
    );
  });

  it("passes and summarises a good configuration", async () => {
    const run = await check({
      ENVIRONMENT: "development",
      CORS_ORIGINS: "https://app.example.com",
      OPENAI_COMPATIBLE_OLLAMA_BASE_URL: "http://127.0.0.1:11434/v1",
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Configuration OK (ENVIRONMENT=development)");
    expect(run.stdout).toContain("ollama (OpenAI-compatible)");
  });
});
