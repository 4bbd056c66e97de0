"use client";

import type { ReactNode } from "react";
import { Checkbox, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ArrayField, ObjectField, UnionField } from "./collection-fields";
import type { FieldDescriptor, StringFormat } from "./describe-schema";
import { useFieldMeta } from "./form-context";
import type { Path } from "./form-state";
import { JsonField } from "./json-field";
import { RecordField } from "./record-field";
import { TemplateInput } from "./template-input";

export interface FieldProps<K extends FieldDescriptor["kind"] = FieldDescriptor["kind"]> {
  desc: Extract<FieldDescriptor, { kind: K }>;
  path: Path;
  value: unknown;
  /** The field's new value; undefined removes the key (the schema's default applies). */
  onChange: (value: unknown) => void;
  /** Shown instead of the descriptor's label (a row's "Case 2"). */
  label?: string;
  /** Hide the label visually (a row's value next to its key); it stays for screen readers. */
  srOnlyLabel?: boolean;
}

const LABEL = "block text-sm font-medium text-zinc-800 dark:text-zinc-200";

/** The ids a control is described by: its help and its error (both shown, both read). */
export const describedBy = (id: string, hint?: string, error?: string | null) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

export function Messages({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: string;
  error?: string | null;
}) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {error && (
        <p
          id={`${id}-error`}
          role="alert"
          className="mt-1 text-xs font-medium text-red-600 dark:text-red-400"
        >
          {error}
        </p>
      )}
    </>
  );
}

export function FieldLabel(p: {
  id: string;
  desc: FieldDescriptor;
  label?: string;
  srOnly?: boolean;
}) {
  const optional = p.desc.optional && p.desc.default === undefined;
  return (
    <label htmlFor={p.id} className={p.srOnly ? "sr-only" : LABEL}>
      {p.label ?? p.desc.label}
      {optional && !p.srOnly && (
        <span className="ml-1 font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
      )}
    </label>
  );
}

function Leaf(p: FieldProps & { children: (meta: ReturnType<typeof useFieldMeta>) => ReactNode }) {
  const meta = useFieldMeta(p.path);
  return (
    <div>
      <FieldLabel id={meta.id} desc={p.desc} label={p.label} srOnly={p.srOnlyLabel} />
      {p.children(meta)}
      <Messages
        id={meta.id}
        hint={p.srOnlyLabel ? undefined : p.desc.description}
        error={meta.error}
      />
    </div>
  );
}

const placeholderOf = (d: FieldDescriptor) =>
  d.default === undefined || d.default === "" ? d.placeholder : `${String(d.default)} (default)`;

const isCode = (f: string | undefined): f is StringFormat => f === "template" || f === "expression";

function StringField(p: FieldProps<"string">) {
  const { desc } = p;
  // Empty: a key the schema may leave out is removed, a required one stays "" (and says so).
  const set = (text: string) =>
    p.onChange(
      text === "" && (desc.optional || desc.nullable) ? (desc.optional ? undefined : null) : text,
    );
  const text = typeof p.value === "string" ? p.value : "";
  const code = isCode(desc.format) ? desc.format : null;
  return (
    <Leaf {...p}>
      {(m) =>
        code ? (
          <TemplateInput
            id={m.id}
            value={text}
            onChange={set}
            format={code}
            multiline={desc.multiline}
            invalid={!!m.error}
            describedBy={describedBy(m.id, desc.description, m.error)}
            readOnly={m.readOnly}
            placeholder={placeholderOf(desc)}
          />
        ) : (
          <Input
            id={m.id}
            type="text"
            value={text}
            onChange={(e) => set(e.target.value)}
            readOnly={m.readOnly}
            invalid={!!m.error}
            placeholder={
              desc.format === "uuid" ? "00000000-0000-0000-0000-000000000000" : placeholderOf(desc)
            }
            aria-describedby={describedBy(m.id, desc.description, m.error)}
            className={`mt-1 block w-full ${desc.format === "uuid" ? "font-mono text-xs" : ""}`}
          />
        )
      }
    </Leaf>
  );
}

function NumberField(p: FieldProps<"number">) {
  const { desc } = p;
  return (
    <Leaf {...p}>
      {(m) => (
        <Input
          id={m.id}
          type="number"
          inputMode={desc.integer ? "numeric" : "decimal"}
          value={typeof p.value === "number" ? p.value : ""}
          min={desc.min}
          max={desc.max}
          step={desc.step}
          onChange={(e) => {
            const n = e.target.valueAsNumber;
            const empty = desc.nullable && !desc.optional ? null : undefined;
            p.onChange(e.target.value === "" || Number.isNaN(n) ? empty : n);
          }}
          readOnly={m.readOnly}
          invalid={!!m.error}
          placeholder={placeholderOf(desc)}
          aria-describedby={describedBy(m.id, desc.description, m.error)}
          className="mt-1 block w-full @sm:w-48"
        />
      )}
    </Leaf>
  );
}

function BooleanField(p: FieldProps<"boolean">) {
  const m = useFieldMeta(p.path);
  const checked = typeof p.value === "boolean" ? p.value : p.desc.default === true;
  return (
    <div>
      <div className="flex items-center gap-2">
        <Checkbox
          id={m.id}
          checked={checked}
          disabled={m.readOnly}
          onChange={(e) => p.onChange(e.target.checked)}
          aria-invalid={m.error ? true : undefined}
          aria-describedby={describedBy(m.id, p.desc.description, m.error)}
        />
        <FieldLabel id={m.id} desc={{ ...p.desc, optional: false }} label={p.label} />
      </div>
      <Messages id={m.id} hint={p.desc.description} error={m.error} />
    </div>
  );
}

function EnumField(p: FieldProps<"enum">) {
  const { desc } = p;
  const current = p.value ?? desc.default;
  const index = desc.options.findIndex((o) => o.value === current);
  const unset = (desc.optional && desc.default === undefined) || desc.nullable;
  const none = desc.optional ? undefined : null;
  return (
    <Leaf {...p}>
      {(m) => (
        <Select
          id={m.id}
          value={index < 0 ? "" : String(index)}
          disabled={m.readOnly}
          onChange={(e) =>
            p.onChange(e.target.value === "" ? none : desc.options[Number(e.target.value)]!.value)
          }
          invalid={!!m.error}
          aria-describedby={describedBy(m.id, desc.description, m.error)}
          className="mt-1 block w-full"
        >
          {(unset || index < 0) && <option value="">{unset ? "Not set" : "Choose…"}</option>}
          {desc.options.map((o, i) => (
            <option key={String(o.value)} value={String(i)}>
              {o.label}
              {o.value === desc.default ? " (default)" : ""}
            </option>
          ))}
        </Select>
      )}
    </Leaf>
  );
}

/** One field of any kind. */
export function FieldView(p: FieldProps) {
  switch (p.desc.kind) {
    case "string":
      return <StringField {...(p as FieldProps<"string">)} />;
    case "number":
      return <NumberField {...(p as FieldProps<"number">)} />;
    case "boolean":
      return <BooleanField {...(p as FieldProps<"boolean">)} />;
    case "enum":
      return <EnumField {...(p as FieldProps<"enum">)} />;
    case "object":
      return <ObjectField {...(p as FieldProps<"object">)} />;
    case "array":
      return <ArrayField {...(p as FieldProps<"array">)} />;
    case "record":
      return <RecordField {...(p as FieldProps<"record">)} />;
    case "union":
      return <UnionField {...(p as FieldProps<"union">)} />;
    default:
      return <JsonField {...(p as FieldProps<"json">)} />;
  }
}
