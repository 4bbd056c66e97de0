"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/components/lib/api";
import { checkFields, formErrors, type FormErrors } from "@/components/lib/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

const LABELS = { name: "Name", description: "Description" };
const NONE: FormErrors = { fields: {}, form: null };

/** Editors and owners rename a project or change its description. */
export function ProjectDetailsForm({
  projectId,
  initial,
  onSaved,
  onCancel,
}: {
  projectId: string;
  initial: { name: string; description: string };
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [edit, setEdit] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    const fields = checkFields([["name", LABELS.name, !edit.name.trim() && "is required"]]);
    setErrors({ fields, form: null });
    if (Object.keys(fields).length) return;
    setBusy(true);
    try {
      await api(`/api/projects/${projectId}`, { method: "PATCH", json: edit });
      onSaved();
    } catch (err) {
      setErrors(formErrors(err, LABELS, "Saving failed."));
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={save} aria-label="Project details" className="grid gap-3">
      <Field
        label="Name"
        name="project-name"
        value={edit.name}
        onChange={(e) => setEdit({ ...edit, name: e.target.value })}
        required
        maxLength={120}
        error={errors.fields.name}
      />
      <Field
        label="Description"
        name="project-description"
        value={edit.description}
        onChange={(e) => setEdit({ ...edit, description: e.target.value })}
        maxLength={2000}
        error={errors.fields.description}
      />
      {errors.form && <Alert>{errors.form}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" busy={busy}>
          Save
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
