/**
 * `npm run analyze` (after `npm run build`): first-load JavaScript per page, gzip, from the
 * production build's manifests — the framework's root chunks plus every chunk the page's layouts,
 * boundaries and page entry load before hydration. Chunks loaded later (next/dynamic, the rich
 * text editor, the Markdown renderer) are not counted: they arrive after the page's shell.
 *
 *   npm run analyze                 # table, heaviest libraries named per page
 *   npm run analyze -- --max 200    # also exits 1 when a page is over 200 KB (CI uses this)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const NEXT = path.resolve(".next");
const APP = path.join(NEXT, "server", "app");

/** Libraries worth naming when they ship to a page, by a string their bundled code contains. */
const MARKERS: Record<string, RegExp> = {
  zod: /ZodError|\$ZodType/,
  "react-markdown": /micromark|mdast-util/,
  tiptap: /ProseMirror|prosemirror/,
  // The workflow editor's canvas and layout: they must arrive after the editor's shell.
  "react-flow": /react-flow__/,
  dagre: /dagre/,
  "cel-js": /cel-js|CelTypeError|UnsignedInt/,
};

function manifests(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) manifests(full, found);
    else if (name === "page_client-reference-manifest.js") found.push(full);
  }
  return found;
}

/** "/(app)/projects/[id]/page" → "/projects/[id]". */
function routeOf(manifestFile: string): string {
  const rel = path.relative(APP, path.dirname(manifestFile)).split(path.sep);
  const route = rel.filter((s) => !/^\(.*\)$/.test(s)).join("/");
  return `/${route}`;
}

/** The file is `globalThis.__RSC_MANIFEST["/…/page"] = {JSON};`: read the JSON, run nothing. */
function loadManifest(file: string): { entryJSFiles: Record<string, string[]> } {
  const text = readFileSync(file, "utf8");
  const json = text.slice(text.indexOf("] = ") + 4, text.lastIndexOf("}") + 1);
  return JSON.parse(json) as { entryJSFiles: Record<string, string[]> };
}

const sizes = new Map<string, { gzip: number; text: string }>();
function chunk(file: string) {
  let entry = sizes.get(file);
  if (!entry) {
    const buffer = readFileSync(path.join(NEXT, file));
    entry = { gzip: gzipSync(buffer, { level: 9 }).length, text: buffer.toString("utf8") };
    sizes.set(file, entry);
  }
  return entry;
}

function main() {
  const maxArg = process.argv.indexOf("--max");
  const maxKb = maxArg === -1 ? undefined : Number(process.argv[maxArg + 1]);
  if (maxKb !== undefined && !(maxKb > 0)) {
    console.error(`--max needs a number of KB, e.g. --max 200 (got "${process.argv[maxArg + 1]}")`);
    process.exit(2);
  }
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const base = new Set(build.rootMainFiles);
  const rows = manifests(APP)
    .map((file) => {
      const { entryJSFiles } = loadManifest(file);
      const files = new Set([...base, ...Object.values(entryJSFiles).flat()]);
      const kb = [...files].reduce((sum, f) => sum + chunk(f).gzip, 0) / 1024;
      const libs = Object.entries(MARKERS)
        .filter(([, re]) => [...files].some((f) => re.test(chunk(f).text)))
        .map(([name]) => name);
      return { route: routeOf(file), kb, libs };
    })
    .filter((r) => !r.route.startsWith("/_"))
    .sort((a, b) => a.route.localeCompare(b.route));

  const baseKb = [...base].reduce((sum, f) => sum + chunk(f).gzip, 0) / 1024;
  console.log(`First-load JS per page (gzip), framework base ${baseKb.toFixed(1)} KB included`);
  console.log("");
  console.log(`${"page".padEnd(40)} ${"KB".padStart(7)}  libraries`);
  for (const r of rows)
    console.log(
      `${r.route.padEnd(40)} ${r.kb.toFixed(1).padStart(7)}  ${r.libs.join(", ") || "—"}`,
    );
  if (maxKb !== undefined) {
    const over = rows.filter((r) => r.kb > maxKb);
    console.log("");
    if (over.length) {
      console.log(
        `Over ${maxKb} KB: ${over.map((r) => `${r.route} (${r.kb.toFixed(1)})`).join(", ")}`,
      );
      process.exit(1);
    }
    console.log(`Every page is within ${maxKb} KB.`);
  }
}

main();
