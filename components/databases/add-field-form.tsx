"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/components/lib/api";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FIELD_TYPES } from "@/lib/databases/schemas";

const EMPTY = { name: "", type: "text", options: "" };

/** Adds a column: name, type, and the options of a select. `run` reports errors and reloads. */
export function AddFieldForm({
  url,
  run,
}: {
  url: string;
  run: (fn: () => Promise<unknown>) => Promise<void>;
}) {
  const [newField, setNewField] = useState(EMPTY);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const field = {
      name: newField.name,
      type: newField.type,
      ...(newField.type === "select" && {
        options: newField.options
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      }),
    };
    void run(async () => {
      await api(`${url}/schema`, { method: "POST", json: { op: "add_field", field } });
      setNewField(EMPTY);
    });
  };
  return (
    <form onSubmit={submit} aria-label="Add a field" className="flex flex-wrap items-end gap-2">
      <label className="grid gap-1 text-xs font-medium">
        Field name
        <Input
          required
          value={newField.name}
          onChange={(e) => setNewField({ ...newField, name: e.target.value })}
        />
      </label>
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
      {newField.type === "select" && (
        <label className="grid gap-1 text-xs font-medium">
          Options
          <Input
            placeholder="a, b, c"
            value={newField.options}
            onChange={(e) => setNewField({ ...newField, options: e.target.value })}
          />
        </label>
      )}
      <Button type="submit">Add field</Button>
    </form>
  );
}
