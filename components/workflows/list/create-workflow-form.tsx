"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field, FieldMessage, SelectField } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { SubmitButton } from "@/components/ui/submit-button";
import type { WorkflowFormState } from "./form-state";
import type { ProjectOption } from "./workflow-list";

export interface TemplateOption {
  id: string;
  title: string;
  description: string;
}
type Action = (previous: WorkflowFormState, form: FormData) => Promise<WorkflowFormState>;

const BLANK: TemplateOption = {
  id: "",
  title: "Blank",
  description: "Just a trigger: add and connect the steps yourself in the editor.",
};

/**
 * New workflow: project (those the caller may edit), name, description, and what to start from
 * (blank or a template, as radio cards). A server action, so it works before JavaScript loads;
 * refusals come back next to their fields, success opens the editor.
 */
export function CreateWorkflowForm({
  projects,
  templates,
  action,
  initial,
}: {
  projects: ProjectOption[];
  templates: TemplateOption[];
  action: Action;
  initial: { projectId?: string; template?: string };
}) {
  const [state, formAction] = useActionState(action, {});
  const values = state.values ?? {};
  const chosen = values.template ?? initial.template ?? "";
  return (
    <Form action={formAction} aria-label="New workflow" className="space-y-5">
      {state.error && <Alert>{state.error}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          // A select does not take a new defaultValue once mounted: remount it with the kept one.
          key={values.projectId ?? "initial"}
          label="Project"
          name="projectId"
          defaultValue={values.projectId ?? initial.projectId ?? projects[0]?.id}
          error={state.fields?.projectId}
          hint="Projects where you are an editor or owner."
          required
        >
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <Field
          label="Name"
          name="name"
          defaultValue={values.name}
          error={state.fields?.name}
          hint="Unique in the project."
          required
          maxLength={120}
          autoComplete="off"
        />
      </div>
      <Field
        label="Description"
        name="description"
        defaultValue={values.description}
        error={state.fields?.description}
        hint="Optional: what it does, for your team."
        maxLength={2000}
      />
      <fieldset
        aria-describedby={state.fields?.template ? "group-template-error" : undefined}
        data-invalid={state.fields?.template ? true : undefined}
      >
        <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Start from</legend>
        <div key={chosen || "blank"} className="mt-2 grid gap-3 sm:grid-cols-2">
          {[BLANK, ...templates].map((t) => (
            <label
              key={t.id || "blank"}
              className="flex cursor-pointer gap-3 rounded-xl border border-zinc-200 bg-white p-4 transition hover:border-indigo-300 has-checked:border-indigo-500 has-checked:ring-1 has-checked:ring-indigo-500 has-focus-visible:ring-2 has-focus-visible:ring-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:has-checked:border-indigo-400"
            >
              <input
                type="radio"
                name="template"
                value={t.id}
                defaultChecked={chosen === t.id}
                className="mt-0.5 size-4 shrink-0 accent-indigo-600 outline-none"
              />
              <span className="min-w-0">
                <span className="block text-sm font-medium">{t.title}</span>
                <span className="mt-1 block text-sm text-zinc-600 dark:text-zinc-400">
                  {t.description}
                </span>
              </span>
            </label>
          ))}
        </div>
        <FieldMessage id="group-template" error={state.fields?.template} />
      </fieldset>
      <SubmitButton>Create workflow</SubmitButton>
    </Form>
  );
}
