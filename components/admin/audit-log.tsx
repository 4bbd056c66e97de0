"use client";

import { useState, type FormEvent } from "react";
import { checkFields } from "@/components/lib/field-errors";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import type { AuditRow } from "@/lib/admin/schemas";
import { AuditCards, AuditTable } from "./audit-entries";

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
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
        <>
          <div className="hidden xl:block">
            <AuditTable rows={data.rows} />
          </div>
          <div className="xl:hidden">
            <AuditCards rows={data.rows} />
          </div>
        </>
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
