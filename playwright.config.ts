import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// End-to-end tests run the built app (`npm run build` first) through the server entry, on a fresh embedded
// database in a temp DATA_DIR, in Debian's Chromium (never a downloaded browser).
const PORT = Number(process.env.E2E_PORT ?? 3210);
const FAKE_PORT = Number(process.env.E2E_FAKE_PROVIDER_PORT ?? 3299);
// Set once in the runner; workers inherit it, so every process agrees on the same directory.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "aios-e2e-"));

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: ".ci-out/e2e.json" }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/, use: { browserName: "chromium" } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { browserName: "chromium", viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: [
    {
      // The fake AI provider (real OpenAI/Anthropic wire formats) the app's router talks to.
      command: `node node_modules/tsx/dist/cli.mjs scripts/fake-provider.ts --port ${FAKE_PORT} --chunk-delay 15`,
      port: FAKE_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
    },
    {
      // The server entry, as `npm start` runs it (the gateway paths answered without Next.js).
      command: `node dist/server.mjs -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/api/monitoring/health`,
      env: {
        DATA_DIR: process.env.E2E_DATA_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        // Every spec signs in from 127.0.0.1: one office behind one address. The limit itself
        // is tested with its own servers (perimeter.spec.ts) and in tests/security.
        RATE_LIMIT_AUTH_PER_MINUTE: "60",
        OPENAI_API_KEY: "sk-fake",
        OPENAI_BASE_URL: `http://127.0.0.1:${FAKE_PORT}/v1`,
        ANTHROPIC_API_KEY: "sk-fake",
        ANTHROPIC_BASE_URL: `http://127.0.0.1:${FAKE_PORT}/v1`,
      },
      reuseExistingServer: false,
      timeout: 90_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
