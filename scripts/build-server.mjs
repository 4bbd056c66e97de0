// Bundles server.ts and the lib/ code it imports into dist/server.mjs (node_modules stay
// external). Run by `npm run build` and before `npm run dev`; takes well under a second.
import { build } from "esbuild";

/** Next.js resolves "server-only" to an empty module for server code; so does this bundle. */
const serverOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

await build({
  entryPoints: ["server.ts"],
  // dist/server.mjs plus chunks: the entry is small, and what it imports lazily (the server,
  // lib/server/main.ts) is its own chunk, so the heap-cap supervisor (lib/server/heap-cap.ts),
  // which never imports it, stays a small process.
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  plugins: [serverOnly],
  // CommonJS packages required from the bundle (and __dirname) work as in a CommonJS module.
  banner: {
    js: [
      'import { createRequire as __aiosCreateRequire } from "node:module";',
      "const require = __aiosCreateRequire(import.meta.url);",
    ].join("\n"),
  },
  logLevel: "warning",
});
