"use client";

import { useRef, useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FIELD_TYPES } from "@/lib/databases/constants";
import { FieldError, schemaErrors, type SchemaErrors } from "./schema-errors";

const EMPTY = { name: "", type: "text", options: "" };
export const optionList = (text: string) =>
  text
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);

/** Adds a column: name, type, and the options of a select; its errors show next to its inputs. */
export function AddFieldForm({ url, onAdded }: { url: string; onAdded: () => void }) {
  const [newField, setNewField] = useState(EMPTY);
  const [errors, setErrors] = useState<SchemaErrors>({});
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const optionsInput = useRef<HTMLInputElement>(null);
  const select = newField.type === "select";

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: SchemaErrors = {};
    if (!newField.name.trim()) found.name = "Field name is required";
    if (select && !optionList(newField.options).length)
      found.options = "Options are required for a select field (separate them with commas)";
    setErrors(found);
    if (found.name) return nameInput.current?.focus();
    if (found.options) return optionsInput.current?.focus();
    const field = {
      name: newField.name,
      type: newField.type,
      ...(select && { options: optionList(newField.options) }),
    };
    setBusy(true);
    try {
      await api(`${url}/schema`, { method: "POST", json: { op: "add_field", field } });
      setNewField(EMPTY);
      onAdded();
      nameInput.current?.focus();
    } catch (err) {
      const next = schemaErrors(err instanceof ApiError ? err : null, "Field name");
      setErrors(next);
      (next.options ? optionsInput : nameInput).current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-label="Add a field"
      className="flex flex-wrap items-start gap-2"
    >
      <div className="grid gap-1">
        <label htmlFor="add-field-name" className="text-xs font-medium">
          Field name
        </label>
        <Input
          id="add-field-name"
          ref={nameInput}
          value={newField.name}
          invalid={!!errors.name}
          aria-describedby={errors.name ? "add-field-name-error" : undefined}
          onChange={(e) => setNewField({ ...newField, name: e.target.value })}
        />
        <FieldError id="add-field-name-error" message={errors.name} />
      </div>
      <label className="grid gap-1 text-xs font-medium">
        Type
        <Select
          value={newField.type}
          onChange={(e) => setNewField({ ...newField, type: e.target.value })}
        >
          {FIELD_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </Select>
      </label>
      {select && (
        <div className="grid gap-1">
          <label htmlFor="add-field-options" className="text-xs font-medium">
            Options
          </label>
          <Input
            id="add-field-options"
            ref={optionsInput}
            placeholder="a, b, c"
            value={newField.options}
            invalid={!!errors.options}
            aria-describedby={errors.options ? "add-field-options-error" : undefined}
            onChange={(e) => setNewField({ ...newField, options: e.target.value })}
          />
          <FieldError id="add-field-options-error" message={errors.options} />
        </div>
      )}
      <div className="grid gap-1">
        {/* An invisible label-height spacer keeps the button level with the inputs. */}
        <span aria-hidden="true" className="text-xs">
          &nbsp;
        </span>
        <Button type="submit" busy={busy}>
          Add field
        </Button>
      </div>
      {errors.form && (
        <p role="alert" className="basis-full text-xs font-medium text-red-600 dark:text-red-400">
          {errors.form}
        </p>
      )}
    </form>
  );
}
