import { mkdtempSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { tmpdir } from "node:os";
import path from "node:path";
import { AiRouter, setRouter } from "@/lib/ai/runtime";
import { parseEnv } from "@/lib/env";
import { dbTest } from "./db";
import { startFakeProvider, type FakeProvider, type FakeProviderOptions } from "./fake-provider";

/**
 * Installs the app's real router (providers, catalogue store, breaker, ledger, SQLite cache,
 * budgets) pointed at the fake provider over HTTP, with a fresh cache file, no backoff waits and
 * a ledger that only writes when the test flushes it.
 */
export async function installTestRouter(
  fake: FakeProvider,
  vars: Record<string, string> = {},
  opts: { cachePath?: string } = {},
): Promise<AiRouter> {
  const env = parseEnv({
    ENVIRONMENT: "test",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    ANTHROPIC_API_KEY: "sk-test",
    ANTHROPIC_BASE_URL: `${fake.url}/v1`,
    AI_TIMEOUT_MS: "1000",
    AI_RETRIES: "1",
    ...vars,
  });
  const cachePath =
    opts.cachePath ?? path.join(mkdtempSync(path.join(tmpdir(), "aios-cache-")), "cache.sqlite");
  const router = new AiRouter(env, { cachePath, backoffMs: () => 0, ledgerIntervalMs: 3_600_000 });
  await setRouter(router);
  return router;
}

/**
 * `dbTest` plus `install(fake, vars)`: every router a test installs has its ledger flushed
 * before the test's transaction rolls back, so no row leaks into the next test's transaction.
 */
export const routerTest = dbTest.extend<{
  install: (
    fake: FakeProvider,
    vars?: Record<string, string>,
    opts?: { cachePath?: string },
  ) => Promise<AiRouter>;
}>({
  install: async ({ db }, use) => {
    void db;
    const made: AiRouter[] = [];
    await use(async (fake, vars, opts) => {
      const r = await installTestRouter(fake, vars, opts);
      made.push(r);
      return r;
    });
    for (const r of made) await r.ledger.flush();
  },
});

/**
 * One fake provider for the whole test file (started before, closed after), and the default
 * router restored afterwards. Returns a getter: the provider exists only once `beforeAll` ran.
 */
export function useFakeProvider(
  options: FakeProviderOptions = { apiKey: "sk-test" },
): () => FakeProvider {
  let fake: FakeProvider | undefined;
  beforeAll(async () => {
    fake = await startFakeProvider(options);
  });
  afterAll(async () => {
    await setRouter(undefined);
    await fake?.close();
  });
  return () => fake!;
}
