import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { AiRouter, AiRouterOptions } from "@/lib/ai/runtime";
import { parseEnv } from "@/lib/env";
import { createServices, type Services } from "@/lib/services";
import { dbTest, TEST_VARS, useTestServices } from "./db";
import { startFakeProvider, type FakeProvider, type FakeProviderOptions } from "./fake-provider";

export interface RouterTestOptions {
  cachePath?: string;
  /** Router options over the tests' defaults; `{ backoffMs: undefined }`: the real backoff waits. */
  router?: Pick<AiRouterOptions, "backoffMs" | "sleep">;
}

/**
 * Services whose router is the app's real one (providers, catalogue store, breaker, ledger,
 * SQLite cache, budgets) pointed at the fake provider over HTTP, with a fresh cache file, no
 * backoff waits and a ledger that only writes when flushed (or when the services close).
 */
export function fakeProviderServices(
  base: Services,
  fake: FakeProvider,
  vars: Record<string, string> = {},
  opts: RouterTestOptions = {},
): Services {
  const env = parseEnv({
    ...TEST_VARS,
    CACHE_DB_PATH:
      opts.cachePath ?? path.join(mkdtempSync(path.join(tmpdir(), "aios-cache-")), "cache.sqlite"),
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    ANTHROPIC_API_KEY: "sk-test",
    ANTHROPIC_BASE_URL: `${fake.url}/v1`,
    AI_TIMEOUT_MS: "1000",
    AI_RETRIES: "1",
    ...vars,
  });
  return createServices({
    env,
    log: base.log,
    database: base.database,
    limiter: base.limiter,
    router: { backoffMs: () => 0, ledgerIntervalMs: 3_600_000, ...opts.router },
  });
}

/**
 * `dbTest` plus `install(fake, vars)`: installs services whose router talks to the fake provider
 * and returns that router. They close (flushing the ledger) before the test's transaction rolls
 * back, so no row leaks into the next test.
 */
export const routerTest = dbTest.extend<{
  install: (
    fake: FakeProvider,
    vars?: Record<string, string>,
    opts?: RouterTestOptions,
  ) => Promise<AiRouter>;
}>({
  install: async ({ services }, use) => {
    const made: Services[] = [];
    await use(async (fake, vars, opts) => {
      const s = fakeProviderServices(services, fake, vars, opts);
      made.push(s);
      useTestServices(s);
      return s.ai;
    });
    for (const s of made) await s.close();
    useTestServices(services);
  },
});

/** One fake provider for the whole test file (started before, closed after). */
export function useFakeProvider(
  options: FakeProviderOptions = { apiKey: "sk-test" },
): () => FakeProvider {
  let fake: FakeProvider | undefined;
  beforeAll(async () => {
    fake = await startFakeProvider(options);
  });
  afterAll(async () => {
    await fake?.close();
  });
  return () => fake!;
}
