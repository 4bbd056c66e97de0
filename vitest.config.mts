import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Next.js resolves "server-only" to an empty module for server code; so do the tests.
      "server-only": path.join(root, "tests/helpers/server-only.ts"),
    },
  },
  test: {
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses;
    // letting Vite transform it resolves the path the way Next.js does.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    // Cheap bcrypt (cost 4) keeps suites fast; tests/unit/passwords.test.ts proves the production cost.
    // Tests never touch the developer's ./data (and its lock): the embedded default gets a temp dir.
    env: {
      ENVIRONMENT: "test",
      PASSWORD_HASH_COST: "4",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "aios-vitest-")),
    },
    // `npm run test:coverage` (CI): V8 coverage of lib/, the product code, over both projects.
    // Every lib file counts, imported by a test or not; type-only files have no lines to count.
    // Anchored at the root: vitest matches `include` anywhere in a path (components/lib/ too).
    coverage: {
      provider: "v8",
      include: [path.join(root, "lib/**/*.ts")],
      reporter: ["text-summary", "json-summary"],
      thresholds: { lines: 80 },
    },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
          globalSetup: ["tests/helpers/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
