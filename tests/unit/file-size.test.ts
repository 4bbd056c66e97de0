import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The size budget (CONVENTIONS §17) means something only because Prettier formats every file:
// a source file over 300 lines needs a reason, recorded here.
const root = path.join(import.meta.dirname, "../..");
const MAX_LINES = 300;
const ALLOWED: Record<string, string> = {};

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) ? [rel] : [];
  });
}

describe("file size", () => {
  it(`no source file is over ${MAX_LINES} formatted lines without a reason`, () => {
    const files = ["lib", "app", "components", "db", "tests", "bench", "scripts", "mcp"].flatMap(
      (d) => {
        try {
          return sources(d);
        } catch {
          return [];
        }
      },
    );
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((f) => [f, readFileSync(path.join(root, f), "utf8").split("\n").length - 1] as const)
      .filter(([f, n]) => n > MAX_LINES && !ALLOWED[f]);
    expect(long).toEqual([]);
  });
});
