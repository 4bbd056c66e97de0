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
