import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// The layer rule from CONVENTIONS.md: app|mcp -> lib -> db, one way only.
const noDbFromTransport = {
  patterns: [
    {
      group: ["@/db", "@/db/*", "**/db/schema", "**/db/schema/*", "**/db/client"],
      message: "app/ and mcp/ reach the database only through lib/ services.",
    },
    {
      group: ["drizzle-orm", "drizzle-orm/*"],
      message: "app/ and mcp/ never build queries: call a lib/ service.",
    },
  ],
};
const noUpwardFromLib = {
  patterns: [
    {
      group: ["@/app", "@/app/*", "@/components", "@/components/*", "@/mcp", "@/mcp/*"],
      message: "lib/ is below app/, components/ and mcp/: it must not import them.",
    },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "dist/**",
    "next-env.d.ts",
    "data/**",
    "coverage/**",
    "playwright-report/**",
    "test-results/**",
    "drizzle/**",
    ".tmp/**",
  ]),
  {
    files: ["app/**/*.{ts,tsx}", "mcp/**/*.ts", "proxy.ts"],
    rules: { "no-restricted-imports": ["error", noDbFromTransport] },
  },
  {
    // Components reach the server over fetch/server actions; from lib/ they take types and schemas.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            ...noDbFromTransport.patterns,
            {
              // Run-time values only from zod-free constants modules (e.g. lib/databases/constants.ts):
              // a schema imported by a client component ships zod to the browser. The one
              // exception is the workflow editor (CONVENTIONS §14): it validates as you edit with
              // the engine's own node schemas and graph checks, which are pure (no I/O imports).
              regex:
                "^@/lib/(?!(?:.+/)?constants$|workflows/(?:nodes|validate|graph|topology)(?:/|$))",
              allowTypeImports: true,
              message:
                "components/ import only types from lib/, and values from its zod-free constants modules (and the workflow editor from lib/workflows nodes/validate/graph/topology).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.ts"],
    rules: { "no-restricted-imports": ["error", noUpwardFromLib] },
  },
  {
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib", "@/lib/*", "@/app", "@/app/*", "@/components", "@/components/*"],
              message: "db/ is the bottom layer.",
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read once, validated, in lib/env.ts. Tests, scripts, benchmarks and tool
    // configs run outside the app; instrumentation.ts reads only the build-time NEXT_RUNTIME;
    // server.ts sets up the process's environment (NODE_ENV, .env files) before lib/env.ts reads it.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: [
      "lib/env.ts",
      "tests/**",
      "scripts/**",
      "bench/**",
      "*.config.ts",
      "*.config.mts",
      "*.config.mjs",
      "instrumentation.ts",
      "server.ts",
    ],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message:
            "Read configuration from ctx.env (or the services' env); only lib/env.ts reads process.env.",
        },
      ],
    },
  },
  {
    // Vitest fixtures receive a `use` callback that is not React's hook.
    files: ["tests/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  // Formatting is Prettier's (npm run format); ESLint keeps to correctness.
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      // Code from strings never runs here: workflow expressions are CEL (lib/workflows/expr),
      // and tests/unit/no-eval-gate.test.ts also fails the build on eval/Function/vm in lib/.
      "no-eval": "error",
      "no-new-func": "error",
      "@typescript-eslint/no-implied-eval": "off",
      "no-implied-eval": "error",
    },
  },
]);
