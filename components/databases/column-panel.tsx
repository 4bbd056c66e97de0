"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { TypeChangeReport } from "@/lib/databases";
import { FIELD_TYPES, type FieldDef } from "@/lib/databases/constants";
import { optionList } from "./add-field-form";
import { FieldError, schemaErrors, type SchemaErrors } from "./schema-errors";

type Part = "rename" | "retype" | "drop";

/** Settings of one column: rename, change type (dry run first, then apply), delete; each part's errors beside it. */
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
  const [errors, setErrors] = useState<{ part: Part; at: SchemaErrors } | null>(null);
  const retype = (apply: boolean) =>
    api<{ report?: TypeChangeReport; applied: boolean }>(`${url}/schema`, {
      method: "POST",
      json: {
        op: "change_type",
        fieldId: field.id,
        type,
        apply,
        ...(type === "select" && { options: optionList(options) }),
      },
    });

  async function run(part: Part, fn: () => Promise<unknown>, close = true) {
    try {
      await fn();
      setErrors(null);
      onChanged();
      if (close) onClose();
    } catch (err) {
      setErrors({ part, at: schemaErrors(err instanceof ApiError ? err : null, "Column name") });
    }
  }
  const at = (part: Part) => (errors?.part === part ? errors.at : {});
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setErrors({ part: "rename", at: { name: "Column name is required" } });
    void run("rename", () =>
      api(`${url}/schema`, {
        method: "POST",
        json: { op: "rename_field", fieldId: field.id, name },
      }),
    );
  };
  const preview = (e: FormEvent) => {
    e.preventDefault();
    if (type === "select" && !optionList(options).length)
      return setErrors({
        part: "retype",
        at: { options: "Options are required for a select field (separate them with commas)" },
      });
    void run("retype", async () => setReport((await retype(false)).report ?? null), false);
  };
  const id = (what: string) => `column-${field.id}-${what}`;
  const described = (part: Part, key: keyof SchemaErrors) =>
    at(part)[key] ? id(`${part}-${key}`) : undefined;

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
      <form
        noValidate
        onSubmit={rename}
        aria-label="Rename the column"
        className="flex flex-wrap items-start gap-2"
      >
        <div className="grid gap-1">
          <label htmlFor={id("name")} className="text-xs font-medium">
            Column name
          </label>
          <Input
            id={id("name")}
            value={name}
            invalid={!!at("rename").name}
            aria-describedby={described("rename", "name")}
            onChange={(e) => setName(e.target.value)}
          />
          <FieldError id={id("rename-name")} message={at("rename").name} />
        </div>
        <Button type="submit" variant="secondary" disabled={name === field.name} className="mt-5">
          Rename
        </Button>
        <FieldError id={id("rename-form")} message={at("rename").form} />
      </form>
      <form
        noValidate
        onSubmit={preview}
        aria-label="Convert the column"
        className="flex flex-wrap items-start gap-2"
      >
        <div className="grid gap-1">
          <label htmlFor={id("type")} className="text-xs font-medium">
            Type
          </label>
          <Select
            id={id("type")}
            value={type}
            invalid={!!at("retype").type}
            aria-describedby={described("retype", "type")}
            onChange={(e) => (setType(e.target.value as FieldDef["type"]), setReport(null))}
          >
            {FIELD_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
          <FieldError id={id("retype-type")} message={at("retype").type} />
        </div>
        {type === "select" && (
          <div className="grid gap-1">
            <label htmlFor={id("options")} className="text-xs font-medium">
              Options (comma-separated)
            </label>
            <Input
              id={id("options")}
              className="w-64 max-w-full"
              value={options}
              invalid={!!at("retype").options}
              aria-describedby={described("retype", "options")}
              onChange={(e) => (setOptions(e.target.value), setReport(null))}
            />
            <FieldError id={id("retype-options")} message={at("retype").options} />
          </div>
        )}
        <Button
          type="submit"
          variant="secondary"
          disabled={type === field.type && type !== "select"}
          className="mt-5"
        >
          Preview change
        </Button>
        <div className="basis-full empty:hidden">
          <FieldError id={id("retype-form")} message={at("retype").form} />
        </div>
      </form>
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
          <Button
            disabled={report.failingCount > 0}
            onClick={() => run("retype", () => retype(true))}
          >
            Apply change
          </Button>
          {report.failingCount > 0 && (
            <p className="text-xs text-zinc-500">
              Fix or clear those values first: a type change converts every record or none.
            </p>
          )}
        </div>
      )}
      <div className="space-y-1">
        <Button
          variant="danger"
          onClick={() =>
            window.confirm(`Delete the column "${field.name}" and its values in every record?`) &&
            run("drop", () =>
              api(`${url}/schema`, {
                method: "POST",
                json: { op: "drop_field", fieldId: field.id },
              }),
            )
          }
        >
          Delete column
        </Button>
        <FieldError id={id("drop-form")} message={at("drop").form} />
      </div>
    </section>
  );
}
