"use client";

import { useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { TypeChangeReport } from "@/lib/databases";
import { FIELD_TYPES, type FieldDef } from "@/lib/databases/schemas";

/** Settings of one column: rename, change type (dry run first, then apply), delete. */
export function ColumnPanel({
  url,
  field,
  onChanged,
  onClose,
}: {
  url: string;
  field: FieldDef;
  onChanged: () => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(field.name);
  const [type, setType] = useState(field.type);
  const [options, setOptions] = useState((field.options ?? []).join(", "));
  const [report, setReport] = useState<TypeChangeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const retype = (apply: boolean) =>
    api<{ report?: TypeChangeReport; applied: boolean }>(`${url}/schema`, {
      method: "POST",
      json: {
        op: "change_type",
        fieldId: field.id,
        type,
        apply,
        ...(type === "select" && {
          options: options
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean),
        }),
      },
    });

  async function run(fn: () => Promise<unknown>, close = true) {
    try {
      await fn();
      setError(null);
      onChanged();
      if (close) onClose();
    } catch (err) {
      setError(
        err instanceof ApiError
          ? [err.message, ...Object.entries(err.fields).map(([f, m]) => `${f} ${m}`)].join(" · ")
          : "The change failed.",
      );
    }
  }

  return (
    <section
      aria-label={`Column ${field.name}`}
      className="space-y-3 rounded-xl border border-indigo-200 bg-indigo-50/40 p-4 text-sm dark:border-indigo-500/30 dark:bg-indigo-500/5"
    >
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">Column “{field.name}”</h3>
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={onClose}>
          Close
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label className="grid gap-1">
          <span className="text-xs font-medium">Name</span>
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <Button
          variant="secondary"
          disabled={!name.trim() || name === field.name}
          onClick={() =>
            run(() =>
              api(`${url}/schema`, {
                method: "POST",
                json: { op: "rename_field", fieldId: field.id, name },
              }),
            )
          }
        >
          Rename
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label className="grid gap-1">
          <span className="text-xs font-medium">Type</span>
          <Select
            value={type}
            onChange={(e) => (setType(e.target.value as FieldDef["type"]), setReport(null))}
          >
            {FIELD_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </label>
        {type === "select" && (
          <label className="grid gap-1">
            <span className="text-xs font-medium">Options (comma-separated)</span>
            <Input
              className="w-64"
              value={options}
              onChange={(e) => (setOptions(e.target.value), setReport(null))}
            />
          </label>
        )}
        <Button
          variant="secondary"
          disabled={type === field.type && type !== "select"}
          onClick={() => run(async () => setReport((await retype(false)).report ?? null), false)}
        >
          Preview change
        </Button>
      </div>
      {report && (
        <div
          role="status"
          className="space-y-2 rounded-lg bg-white p-3 dark:bg-zinc-900"
          data-testid="dry-run"
        >
          <p>
            {report.convertible} of {report.total} records convert to {type}
            {report.failingCount > 0 ? `; ${report.failingCount} would not:` : "."}
          </p>
          {report.failing.length > 0 && (
            <ul className="list-disc pl-5 text-xs text-red-700 dark:text-red-400">
              {report.failing.map((f) => (
                <li key={f.recordId}>{f.reason}</li>
              ))}
            </ul>
          )}
          <Button disabled={report.failingCount > 0} onClick={() => run(() => retype(true))}>
            Apply change
          </Button>
          {report.failingCount > 0 && (
            <p className="text-xs text-zinc-500">
              Fix or clear those values first: a type change converts every record or none.
            </p>
          )}
        </div>
      )}
      <Button
        variant="danger"
        onClick={() =>
          window.confirm(`Delete the column "${field.name}" and its values in every record?`) &&
          run(() =>
            api(`${url}/schema`, { method: "POST", json: { op: "drop_field", fieldId: field.id } }),
          )
        }
      >
        Delete column
      </Button>
      {error && <Alert>{error}</Alert>}
    </section>
  );
}
