/** Node's flags in the order it reads them: NODE_OPTIONS, then the command line. */
export const nodeFlags = (execArgv: readonly string[], nodeOptions = ""): string[] => [
  ...nodeOptions.split(/\s+/).filter(Boolean),
  ...execArgv,
];

/** The heap cap this process was started with (`--max-old-space-size`), in MB, or null. */
export function heapCapOf(execArgv: readonly string[], nodeOptions = ""): number | null {
  let cap: number | null = null;
  for (const a of nodeFlags(execArgv, nodeOptions)) {
    const m = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(a);
    if (m) cap = Number(m[1]); // the last one wins, as in V8 (the command line after NODE_OPTIONS)
  }
  return cap;
}

export const DEFAULT_HEAP_LIMIT_MB = 384;
export const HEAP_LIMIT_RULE = "must be 0 (V8's default) or a whole number of MB from 128 to 65536";

/**
 * HEAP_LIMIT_MB as the server entry and the configuration read it: the default when unset or
 * blank, else 0 or 128–65536. Plain code, no zod: the heap-cap supervisor stays a small process.
 */
export function parseHeapLimitMb(raw: string | undefined): number | { error: string } {
  if (raw === undefined || raw.trim() === "") return DEFAULT_HEAP_LIMIT_MB;
  const v = Number(raw);
  if (!Number.isInteger(v) || (v !== 0 && (v < 128 || v > 65_536)))
    return { error: HEAP_LIMIT_RULE };
  return v;
}
