"use client";

import { useState, type FormEvent } from "react";
import { checkFields } from "@/components/lib/field-errors";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import type { AuditRow } from "@/lib/admin/schemas";

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
}
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

export function AuditLog() {
  const [filters, setFilters] = useState<Filters>({ actor: "", action: "", from: "", to: "" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const before = cursors[cursors.length - 1];
  const params = new URLSearchParams();
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.action) params.set("action", filters.action);
  if (filters.from) params.set("from", new Date(filters.from).toISOString());
  if (filters.to) params.set("to", new Date(filters.to).toISOString());
  if (before) params.set("before", String(before));
  const { data, error } = useApi<{ rows: AuditRow[]; nextBefore: number | null }>(
    `/api/admin/audit?${params}`,
    "Could not load the audit log.",
  );

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const next = {
      actor: String(f.get("actor")).trim(),
      action: String(f.get("action")).trim(),
      from: String(f.get("from")),
      to: String(f.get("to")),
    };
    const problems = checkFields([
      ["to", "To", next.from && next.to && next.to <= next.from && "must be after From"],
    ]);
    setFieldErrors(problems);
    if (Object.keys(problems).length) return;
    setFilters(next);
    setCursors([null]);
  }

  return (
    <div className="space-y-4">
      <Form onSubmit={apply} className="grid gap-3 sm:grid-cols-2" aria-label="Filter audit log">
        <Field
          id="audit-actor"
          label="Actor"
          name="actor"
          placeholder="email or user id"
          variant="md"
          dense
        />
        <Field
          id="audit-action"
          label="Action"
          name="action"
          placeholder="e.g. auth. or user.role_change"
          variant="md"
          dense
        />
        <Field id="audit-from" label="From" name="from" type="datetime-local" variant="md" dense />
        <Field
          id="audit-to"
          label="To"
          name="to"
          type="datetime-local"
          variant="md"
          dense
          error={fieldErrors.to}
        />
        <div>
          <Button type="submit">Filter</Button>
        </div>
      </Form>
      {error && <Alert>{error}</Alert>}
      {!data && !error && (
        <p className="text-sm text-zinc-500" aria-busy="true">
          Loading…
        </p>
      )}
      {data?.rows.length === 0 && (
        <p className="text-sm text-zinc-500">No audit entries match these filters.</p>
      )}
      {data && data.rows.length > 0 && (
        <DataTable
          headers={["When", "Action", "Actor", "Target", "Details"]}
          testId="audit-table"
          scrollLabel="Audit entries"
        >
          {data.rows.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap py-2 pr-4 text-xs">
                <time dateTime={r.createdAt}>
                  <span className="block">{day(r.createdAt)}</span>
                  <span className="block text-zinc-500">{time(r.createdAt)}</span>
                </time>
              </td>
              <td className="min-w-28 py-2 pr-4 font-mono text-xs wrap-anywhere">{r.action}</td>
              <td className="min-w-44 py-2 pr-4 wrap-anywhere">
                <Actor r={r} />
              </td>
              <td className="min-w-44 py-2 pr-4 wrap-anywhere">
                <Target r={r} />
              </td>
              <td className="min-w-48 py-2 text-xs text-zinc-600 wrap-anywhere dark:text-zinc-400">
                {details(r.metadata)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <nav aria-label="Audit pages" className="flex gap-2">
        <Button
          variant="secondary"
          disabled={cursors.length <= 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Newer
        </Button>
        <Button
          variant="secondary"
          disabled={!data?.nextBefore}
          onClick={() => data?.nextBefore && setCursors([...cursors, data.nextBefore])}
        >
          Older
        </Button>
      </nav>
    </div>
  );
}
