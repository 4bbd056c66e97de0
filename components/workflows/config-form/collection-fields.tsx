"use client";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldDescriptor } from "./describe-schema";
import { FieldView, Messages, type FieldProps } from "./fields";
import { useFieldMeta } from "./form-context";
import { Section } from "./section";
import { childPath, emptyValue, rowLabel, variantOf, withKey, type Path } from "./form-state";

/** The fields of an object value, each with its own change. */
export function ObjectFields(p: {
  fields: FieldDescriptor[];
  path: Path;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const obj = (p.value ?? {}) as Record<string, unknown>;
  return (
    <div className="space-y-4">
      {p.fields.map((f) => (
        <FieldView
          key={f.name}
          desc={f}
          path={childPath(p.path, f.name)}
          value={obj[f.name]}
          onChange={(v) => p.onChange(withKey(obj, f.name, v))}
        />
      ))}
    </div>
  );
}

/** A nested object as a fieldset; an optional one is switched on and off by a checkbox. */
export function ObjectField(p: FieldProps<"object">) {
  const m = useFieldMeta(p.path);
  const canOmit = p.desc.optional && p.desc.default === undefined;
  const on = p.value !== undefined || !canOmit;
  const title = p.label ?? p.desc.label;
  const toggle = (
    <span className="flex items-center gap-2">
      <Checkbox
        id={m.id}
        checked={on}
        disabled={m.readOnly}
        onChange={(e) =>
          p.onChange(e.target.checked ? emptyValue({ ...p.desc, default: undefined }) : undefined)
        }
      />
      <label htmlFor={m.id}>{title}</label>
    </span>
  );
  return (
    <Section id={m.id} legend={canOmit ? toggle : title} hint={p.desc.description} error={m.error}>
      {on && (
        <ObjectFields fields={p.desc.fields} path={p.path} value={p.value} onChange={p.onChange} />
      )}
    </Section>
  );
}

/** An object row of a list: its title, its own problems (e.g. an unknown key), its fields. */
function RowObject(p: FieldProps<"object"> & { label: string }) {
  const m = useFieldMeta(p.path);
  return (
    <div role="group" aria-labelledby={`${m.id}-title`}>
      <div
        id={`${m.id}-title`}
        className="mb-2 text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400"
      >
        {p.label}
      </div>
      <Messages id={m.id} error={m.error} />
      <ObjectFields fields={p.desc.fields} path={p.path} value={p.value} onChange={p.onChange} />
    </div>
  );
}

/** A list: one box per item, with move up/down and remove; add at the end (up to its max). */
export function ArrayField(p: FieldProps<"array">) {
  const m = useFieldMeta(p.path);
  const items = Array.isArray(p.value) ? p.value : [];
  const { item, maxItems, minItems } = p.desc;
  const title = p.label ?? p.desc.label;
  const one = title.toLowerCase().replace(/s$/, "");
  const set = (next: unknown[]) => p.onChange(next);
  const move = (i: number, by: number) => {
    const next = [...items];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    set(next);
  };
  const full = maxItems !== undefined && items.length >= maxItems;
  return (
    <Section id={m.id} legend={title} hint={p.desc.description} error={m.error}>
      {items.length === 0 && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">No {one}s yet.</p>
      )}
      <ol className="space-y-3">
        {items.map((v, i) => {
          const row = rowLabel(title, i);
          return (
            // Index keys: rows are plain values without ids, and every control is controlled.
            <li key={i} className="rounded-md bg-zinc-50 p-3 dark:bg-zinc-900/60">
              {item.kind === "object" ? (
                <RowObject
                  desc={item}
                  label={row}
                  path={childPath(p.path, i)}
                  value={v}
                  onChange={(nv) => set(items.map((x, j) => (j === i ? nv : x)))}
                />
              ) : (
                <FieldView
                  desc={item}
                  label={row}
                  path={childPath(p.path, i)}
                  value={v}
                  onChange={(nv) => set(items.map((x, j) => (j === i ? nv : x)))}
                />
              )}
              {!m.readOnly && (
                <div className="mt-2 flex flex-wrap gap-2">
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={`Move ${row.toLowerCase()} up`}
                  >
                    Up
                  </Button>
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={i === items.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={`Move ${row.toLowerCase()} down`}
                  >
                    Down
                  </Button>
                  <Button
                    variant="danger-quiet"
                    size="sm"
                    disabled={minItems !== undefined && items.length <= minItems}
                    onClick={() => set(items.filter((_, j) => j !== i))}
                    aria-label={`Remove ${row.toLowerCase()}`}
                  >
                    Remove
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!m.readOnly && (
        <Button
          variant="secondary"
          size="sm"
          disabled={full}
          onClick={() => set([...items, emptyValue(item)])}
        >
          Add {one}
        </Button>
      )}
    </Section>
  );
}

/** A discriminated union: a select of the variant, then that variant's fields. */
export function UnionField(p: FieldProps<"union">) {
  const m = useFieldMeta(p.path);
  const { desc } = p;
  const variant = p.value === undefined ? undefined : variantOf(desc, p.value);
  const obj = (p.value ?? {}) as Record<string, unknown>;
  const choose = (i: string) => {
    if (i === "") return p.onChange(undefined);
    const v = desc.variants[Number(i)]!;
    p.onChange(emptyValue({ ...desc, default: undefined, variants: [v] }));
  };
  return (
    <Section id={`${m.id}-group`} legend={p.label ?? desc.label} hint={desc.description}>
      <div>
        <label
          htmlFor={m.id}
          className="block text-xs font-medium text-zinc-600 dark:text-zinc-400"
        >
          Kind
        </label>
        <Select
          id={m.id}
          value={variant ? String(desc.variants.indexOf(variant)) : ""}
          disabled={m.readOnly}
          invalid={!!m.error}
          aria-describedby={m.error ? `${m.id}-error` : undefined}
          onChange={(e) => choose(e.target.value)}
          className="mt-1 block w-full"
        >
          {(desc.optional || !variant) && <option value="">Not set</option>}
          {desc.variants.map((v, i) => (
            <option key={String(v.value)} value={String(i)}>
              {v.label}
            </option>
          ))}
        </Select>
        <Messages id={m.id} error={m.error} />
      </div>
      {variant && (
        <ObjectFields
          fields={variant.fields}
          path={p.path}
          value={obj}
          onChange={(v) => p.onChange({ ...(v as object), [desc.discriminator]: variant.value })}
        />
      )}
    </Section>
  );
}
