import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layer rule of CONVENTIONS.md is enforced by eslint.config.mjs; this proves the rule bites.
const root = path.join(import.meta.dirname, "../..");
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId?.includes("restricted")).map((m) => m.message);
}

describe("layer rule", () => {
  it.each([
    [
      "app/api/x/route.ts",
      'import { users } from "@/db/schema";\nexport const x = users;\n',
      /only through lib\/ services/,
    ],
    [
      "app/api/x/route.ts",
      'import { eq } from "drizzle-orm";\nexport const x = eq;\n',
      /never build queries/,
    ],
    [
      "mcp/server.ts",
      'import { openPglite } from "@/db/client";\nexport const x = openPglite;\n',
      /only through lib\/ services/,
    ],
    [
      "lib/projects/list.ts",
      'import { Badge } from "@/components/ui/badge";\nexport const x = Badge;\n',
      /must not import them/,
    ],
    [
      "db/schema/x.ts",
      'import { loadEnv } from "@/lib/env";\nexport const x = loadEnv;\n',
      /bottom layer/,
    ],
    [
      "components/x.tsx",
      'import { getDb } from "@/lib/db";\nexport const x = getDb;\n',
      /only types from lib/,
    ],
    [
      "components/x.tsx",
      'import { getServices } from "@/lib/services";\nexport const x = getServices;\n',
      /only types from lib/,
    ],
    [
      // A schema (or errors.ts, which imports ZodError) at run time would ship zod to the browser.
      "components/x.tsx",
      'import { TASK_TYPES } from "@/lib/ai/schemas";\nexport const x = TASK_TYPES;\n',
      /only types from lib/,
    ],
    [
      "components/x.tsx",
      'import { AppError } from "@/lib/errors";\nexport const x = AppError;\n',
      /only types from lib/,
    ],
    [
      "lib/projects/list.ts",
      "export const key = process.env.OPENAI_API_KEY;\n",
      /only lib\/env.ts reads process.env/,
    ],
  ])("refuses %s importing across layers: %s", async (file, code, message) => {
    const found = await problems(file, code);
    expect(found).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ["app/api/x/route.ts", 'import { route } from "@/lib/http/route";\nexport const x = route;\n'],
    [
      "lib/x.ts",
      'import { eq } from "drizzle-orm";\nimport { users } from "@/db/schema";\nexport const x = [eq, users];\n',
    ],
    ["components/x.tsx", 'import type { Ctx } from "@/lib/context";\nexport type X = Ctx;\n'],
    [
      "components/x.tsx",
      'import type { TaskType } from "@/lib/ai/schemas";\nexport type X = TaskType;\n',
    ],
    [
      "components/x.tsx",
      'import { CREATED } from "@/lib/databases/constants";\nexport const x = CREATED;\n',
    ],
  ])("allows %s", async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});

describe("constants modules", () => {
  // What client components may import at run time: it must not pull zod (or anything) in.
  const files = readdirSync(path.join(root, "lib"), { recursive: true, encoding: "utf8" }).filter(
    (f) => path.basename(f) === "constants.ts",
  );

  it.each(files)("lib/%s imports no validation library and no server module", (file) => {
    const source = readFileSync(path.join(root, "lib", file), "utf8");
    const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
    for (const spec of imports) expect(spec).toMatch(/^(\.\/[\w-]+|@\/db\/schema\/enums)$/);
    for (const spec of imports.filter((s) => s.startsWith("./"))) {
      const target = readFileSync(path.join(root, "lib", path.dirname(file), `${spec}.ts`), "utf8");
      expect(target).not.toMatch(/from\s+"(zod|server-only|drizzle-orm)/);
    }
  });

  it("there is one per domain that the browser needs", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });
});
