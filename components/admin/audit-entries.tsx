import { DataTable } from "@/components/ui/data-table";
import type { AuditRow } from "@/lib/admin/schemas";

// "before: member · after: viewer · email: …" reads better than raw JSON (whose key order jsonb does not keep).
const details = (m: Record<string, unknown>) =>
  Object.entries(m)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ") || "—";

const day = (iso: string) => new Date(iso).toLocaleDateString();
const time = (iso: string) => new Date(iso).toLocaleTimeString();

/** Who acted: name and email (the id on hover), or "anonymous" for events before sign-in. */
function Actor({ r }: { r: AuditRow }) {
  if (!r.actorId) return <span className="text-zinc-500">anonymous</span>;
  return (
    <span data-testid="audit-actor" title={r.actorId} className="block">
      <span className="block font-medium">{r.actorName ?? r.actorEmail ?? "deleted user"}</span>
      {r.actorName && r.actorEmail && (
        <span className="block text-xs text-zinc-500">{r.actorEmail}</span>
      )}
    </span>
  );
}

/** What was acted on: its name where known, its kind below; the id on hover (and as the name when nothing else is known). */
function Target({ r }: { r: AuditRow }) {
  if (!r.targetType) return <span className="text-zinc-500">—</span>;
  return (
    <span
      data-testid="audit-target"
      title={`${r.targetType} ${r.targetId ?? ""}`}
      className="block"
    >
      <span className={r.targetLabel ? "block font-medium" : "block break-all font-mono text-xs"}>
        {r.targetLabel ?? r.targetId ?? "—"}
      </span>
      <span className="block text-xs text-zinc-500">{r.targetType.replace("_", " ")}</span>
    </span>
  );
}

/** Wide screens: one row per entry. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable
      headers={["When", "Action", "Actor", "Target", "Details"]}
      testId="audit-table"
      scrollLabel="Audit entries"
    >
      {rows.map((r) => (
        <tr key={r.id}>
          <td className="whitespace-nowrap py-2 pr-3 text-xs">
            <time dateTime={r.createdAt}>
              <span className="block">{day(r.createdAt)}</span>
              <span className="block text-zinc-500">{time(r.createdAt)}</span>
            </time>
          </td>
          <td className="min-w-28 py-2 pr-3 font-mono text-xs wrap-anywhere">{r.action}</td>
          <td className="min-w-40 py-2 pr-3 wrap-anywhere">
            <Actor r={r} />
          </td>
          <td className="min-w-44 py-2 pr-3 wrap-anywhere">
            <Target r={r} />
          </td>
          <td className="min-w-36 py-2 text-xs text-zinc-600 wrap-anywhere dark:text-zinc-400">
            {details(r.metadata)}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Narrow screens: the same entries reflowed into cards, nothing to scroll sideways. */
export function AuditCards({ rows }: { rows: AuditRow[] }) {
  return (
    <ul
      aria-label="Audit entries"
      data-testid="audit-cards"
      className="divide-y divide-zinc-100 dark:divide-zinc-800"
    >
      {rows.map((r) => (
        <li key={r.id} className="grid gap-2 py-3 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span className="font-mono text-xs font-medium wrap-anywhere">{r.action}</span>
            <time dateTime={r.createdAt} className="text-xs text-zinc-500">
              {day(r.createdAt)} {time(r.createdAt)}
            </time>
          </div>
          <div className="grid grid-cols-2 gap-3 wrap-anywhere">
            <div>
              <span className="block text-xs uppercase text-zinc-500">Actor</span>
              <Actor r={r} />
            </div>
            <div>
              <span className="block text-xs uppercase text-zinc-500">Target</span>
              <Target r={r} />
            </div>
          </div>
          <p className="text-xs text-zinc-600 wrap-anywhere dark:text-zinc-400">
            {details(r.metadata)}
          </p>
        </li>
      ))}
    </ul>
  );
}
