import type { GraphDiff } from "@/lib/workflows/diff";
import { diffRows, type ChangeKind, type DiffRow, type FieldRow } from "./diff-model";

// Colours carry the meaning, and a word says it too (for screen readers and colour blindness).
const ROW: Record<ChangeKind, string> = {
  added: "border-emerald-200 bg-emerald-50/60 dark:border-emerald-500/30 dark:bg-emerald-500/10",
  removed: "border-red-200 bg-red-50/60 dark:border-red-500/30 dark:bg-red-500/10",
  changed: "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900",
};
const TAG: Record<ChangeKind, string> = {
  added: "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/20 dark:text-emerald-300",
  removed: "bg-red-100 text-red-800 dark:bg-red-500/20 dark:text-red-300",
  changed: "bg-amber-100 text-amber-800 dark:bg-amber-500/20 dark:text-amber-300",
};
const OLD = "text-red-700 line-through decoration-red-400/60 dark:text-red-300";
const NEW = "text-emerald-700 dark:text-emerald-300";

function Field({ f }: { f: FieldRow }) {
  return (
    <li className="grid gap-x-2 sm:grid-cols-[minmax(0,10rem)_minmax(0,1fr)]">
      <code className="truncate text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {f.path}
      </code>
      <span className="min-w-0 font-mono text-xs break-all">
        {f.before !== undefined && (
          <>
            <span className="sr-only">{f.kind === "removed" ? "removed: " : "was "}</span>
            <del className={OLD}>{f.before}</del>
          </>
        )}
        {f.before !== undefined && f.after !== undefined && (
          <span aria-hidden="true" className="px-1 text-zinc-400">
            →
          </span>
        )}
        {f.after !== undefined && (
          <>
            <span className="sr-only">{f.kind === "added" ? "added: " : "now "}</span>
            <ins className={`no-underline ${NEW}`}>{f.after}</ins>
          </>
        )}
      </span>
    </li>
  );
}

function Row({ row }: { row: DiffRow }) {
  return (
    <li
      data-testid="diff-row"
      data-kind={row.kind}
      className={`rounded-lg border p-3 ${ROW[row.kind]}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${TAG[row.kind]}`}>
          {row.what === "node" ? "Node" : "Connection"} {row.kind}
        </span>
        <span className="min-w-0 text-sm font-medium break-words">{row.title}</span>
      </div>
      {row.fields.length > 0 && (
        <ul className="mt-2 space-y-1" aria-label={`Fields of ${row.title}`}>
          {row.fields.map((f) => (
            <Field key={f.path} f={f} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** What changed between two versions: a summary, then one row per node and connection. */
export function DiffView({
  diff,
  fromName,
  toName,
}: {
  diff: GraphDiff;
  fromName: string;
  toName: string;
}) {
  const rows = diffRows(diff);
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="diff-summary">
        <span className="font-medium">
          {fromName} → {toName}:
        </span>{" "}
        {diff.summary}
      </p>
      {diff.layoutOnly && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Only boxes moved on the canvas; what runs is the same.
        </p>
      )}
      {rows.length > 0 && (
        <ul aria-label={`Changes from ${fromName} to ${toName}`} className="space-y-2">
          {rows.map((r) => (
            <Row key={r.key} row={r} />
          ))}
        </ul>
      )}
    </div>
  );
}
