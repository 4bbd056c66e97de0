import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// User-written expressions run through lib/workflows/expr (a CEL interpreter). Nothing in the app
// may turn text into code: no eval, no Function constructor, no vm sandboxes (escapable).
const root = path.join(import.meta.dirname, "../..");
const SCANNED = ["lib", "mcp", "app", "components", "db"];

interface Finding {
  line: number;
  rule: string;
}

/**
 * Two views of a source file, line and column positions kept: `withStrings` has comments blanked,
 * `code` also blanks the contents of string and template literals (not their `${ }` code).
 * A small lexer, not a parser: a regex literal holding a quote can hide the rest of its line.
 */
function views(source: string): { code: string; withStrings: string } {
  let code = "";
  let withStrings = "";
  const blank = (text: string) => text.replace(/[^\n]/g, " ");
  const interpolations: number[] = []; // brace depth inside each open `${`
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const two = source.slice(i, i + 2);
    if (two === "//" || two === "/*") {
      let end = two === "//" ? source.indexOf("\n", i) : source.indexOf("*/", i + 2) + 2;
      if (end < i + 2) end = source.length;
      code += blank(source.slice(i, end));
      withStrings += blank(source.slice(i, end));
      i = end;
      continue;
    }
    const resumesTemplate = ch === "}" && interpolations.at(-1) === 0;
    if (ch === '"' || ch === "'" || ch === "`" || resumesTemplate) {
      if (resumesTemplate) interpolations.pop();
      const quote = resumesTemplate ? "`" : ch;
      let j = i + 1;
      while (j < source.length && source[j] !== quote) {
        if (quote !== "`" && source[j] === "\n") break; // unterminated: stop at the line's end
        if (quote === "`" && source.startsWith("${", j)) break;
        j += source[j] === "\\" ? 2 : 1;
      }
      const opensInterpolation = quote === "`" && source.startsWith("${", j);
      const closer = opensInterpolation ? 2 : 1;
      if (opensInterpolation) interpolations.push(0);
      code += ch + blank(source.slice(i + 1, j)) + source.slice(j, j + closer);
      withStrings += source.slice(i, j + closer);
      i = j + closer;
      continue;
    }
    if (interpolations.length > 0 && ch === "{") interpolations[interpolations.length - 1]!++;
    if (interpolations.length > 0 && ch === "}") interpolations[interpolations.length - 1]!--;
    code += ch;
    withStrings += ch;
    i++;
  }
  return { code, withStrings };
}

const RULES: { rule: string; view: "code" | "withStrings"; pattern: RegExp }[] = [
  { rule: "eval", view: "code", pattern: /(?<![\w$.])eval(?![\w$])/g },
  {
    rule: "global eval or Function",
    view: "code",
    pattern: /\b(?:globalThis|window|self|global)\s*\.\s*(?:eval|Function)\b/g,
  },
  {
    rule: "eval or Function by name",
    view: "withStrings",
    pattern: /\[\s*["'`](?:eval|Function)["'`]\s*\]/g,
  },
  { rule: "new Function", view: "code", pattern: /\bnew\s+Function\b/g },
  { rule: "Function(...)", view: "code", pattern: /(?<![\w$.])Function\s*\(/g },
  { rule: "constructor call", view: "code", pattern: /\.constructor\s*\(/g },
  {
    rule: "vm import",
    view: "withStrings",
    pattern:
      /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](?:node:)?(?:vm|vm2|isolated-vm)["']/g,
  },
];

/**
 * A member named eval, not the global: `eval: …` as an object key or property signature, or
 * `eval(…): T` / `eval(…) {` declaring a method at the start of a line (a Redis client's).
 */
function isMemberNamedEval(line: string, column: number): boolean {
  const before = line.slice(0, column);
  const after = line.slice(column);
  if (/(?:^|[{,])\s*$/.test(before) && /^eval\s*\??\s*:/.test(after)) return true;
  if (!/^\s*(?:(?:public|private|protected|static|async|readonly|override)\s+)*$/.test(before)) {
    return false;
  }
  const open = line.indexOf("(", column);
  let depth = 0;
  for (let i = open; open >= 0 && i < line.length; i++) {
    if (line[i] === "(") depth++;
    else if (line[i] === ")" && --depth === 0) return /^\s*[:{]/.test(line.slice(i + 1));
  }
  return false;
}

function findDynamicCode(source: string): Finding[] {
  const texts = views(source);
  const findings: Finding[] = [];
  for (const { rule, view, pattern } of RULES) {
    const lines = texts[view].split("\n");
    lines.forEach((line, index) => {
      for (const match of line.matchAll(pattern)) {
        if (rule === "eval" && isMemberNamedEval(line, match.index)) continue;
        findings.push({ line: index + 1, rule });
      }
    });
  }
  return findings.sort((a, b) => a.line - b.line);
}

function sources(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(rel);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [rel] : [];
  });
}

describe("no-eval gate", () => {
  it.each([
    ["eval(code)", "eval"],
    ["const run = (0, eval);", "eval"],
    ["x = eval;", "eval"],
    ["const f = ok ? eval : other;", "eval"],
    ['globalThis["eval"]("1")', "eval or Function by name"],
    ["window.eval(x)", "global eval or Function"],
    ['new Function("return this")', "new Function"],
    ['const f = Function("a", "return a")', "Function(...)"],
    ['globalThis.Function("x")', "global eval or Function"],
    ['(() => {}).constructor("return process")()', "constructor call"],
    ['import vm from "node:vm";', "vm import"],
    ['import { runInNewContext } from "vm";', "vm import"],
    ['const { VM } = require("vm2");', "vm import"],
    ['const ivm = await import("isolated-vm");', "vm import"],
    ["const t = `${eval(x)}`;", "eval"],
  ])("flags %s", (code, rule) => {
    expect(findDynamicCode(code).map((f) => f.rule)).toContain(rule);
  });

  it.each([
    "expr.evaluate(vars)",
    "evaluate(x); evaluator.run(); const evalResult = 1;",
    "return client.eval(script, keys.length, ...keys);",
    "  eval(script: string, keys: string[], args: unknown[]): Promise<unknown>;",
    "  async eval(script: string) { return run(script); }",
    "  eval: (script, keys) => run(script, keys),",
    "const client = { eval: run, other: 1 };",
    "// never use eval(x) or new Function here",
    "/* import vm from 'vm' */",
    'const message = "do not eval( this )";',
    "const t = `no eval( here ${x} either`;",
    "type Handler = Function;",
    "const fn: Function = noop; isFunction(x); myFunction(1);",
    'import { evaluate } from "@/lib/workflows/expr/vm-free";',
    'const url = "http://example.com"; eval_count++;',
  ])("does not flag %s", (code) => {
    expect(findDynamicCode(code)).toEqual([]);
  });

  it("finds nothing in lib/, mcp/, app/, components/ and db/", () => {
    const files = SCANNED.flatMap(sources);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) =>
      findDynamicCode(readFileSync(path.join(root, file), "utf8")).map(
        ({ line, rule }) => `${file}:${line}: ${rule}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
