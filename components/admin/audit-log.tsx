"use client";

import { useState, type FormEvent } from "react";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Input } from "@/components/ui/input";
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

export function AuditLog() {
  const [filters, setFilters] = useState<Filters>({ actor: "", action: "", from: "", to: "" });
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
    setFilters({
      actor: String(f.get("actor")),
      action: String(f.get("action")),
      from: String(f.get("from")),
      to: String(f.get("to")),
    });
    setCursors([null]);
  }

  return (
    <div className="space-y-4">
      <form onSubmit={apply} className="grid gap-3 sm:grid-cols-5" aria-label="Filter audit log">
        <label className="text-sm font-medium">
          Actor
          <Input name="actor" placeholder="email or user id" className="mt-1 block w-full" />
        </label>
        <label className="text-sm font-medium">
          Action
          <Input
            name="action"
            placeholder="e.g. auth. or user.role_change"
            className="mt-1 block w-full"
          />
        </label>
        <label className="text-sm font-medium">
          From
          <Input name="from" type="datetime-local" className="mt-1 block w-full" />
        </label>
        <label className="text-sm font-medium">
          To
          <Input name="to" type="datetime-local" className="mt-1 block w-full" />
        </label>
        <div className="flex items-end">
          <Button type="submit" className="w-full">
            Filter
          </Button>
        </div>
      </form>
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
        <DataTable headers={["When", "Action", "Actor", "Target", "Details"]} testId="audit-table">
          {data.rows.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap py-2 pr-4 text-xs">
                {new Date(r.createdAt).toLocaleString()}
              </td>
              <td className="py-2 pr-4 font-mono text-xs">{r.action}</td>
              <td className="py-2 pr-4">
                {r.actorEmail ?? <span className="text-zinc-500">anonymous</span>}
              </td>
              <td className="py-2 pr-4 text-xs">
                {r.targetType ? `${r.targetType} ${r.targetId?.slice(0, 8) ?? ""}` : "—"}
              </td>
              <td className="max-w-xs break-words py-2 text-xs text-zinc-600 dark:text-zinc-400">
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
