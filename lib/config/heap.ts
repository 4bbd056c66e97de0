/** The heap cap this process was started with (`--max-old-space-size`), in MB, or null. */
export function heapCapOf(execArgv: readonly string[], nodeOptions = ""): number | null {
  let cap: number | null = null;
  for (const a of [...nodeOptions.split(/\s+/), ...execArgv]) {
    const m = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(a);
    if (m) cap = Number(m[1]); // the last one wins, as in V8 (the command line after NODE_OPTIONS)
  }
  return cap;
}
