"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, FieldMessage, SelectField } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { controlClass } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { issuePlace, type WorkflowFormState } from "./form-state";
import type { ProjectOption } from "./workflow-list";

type Action = (previous: WorkflowFormState, form: FormData) => Promise<WorkflowFormState>;

const FILE_HINT = "A .json file exported from a workflow (up to 2 MB), or paste its text below.";

/**
 * Import: a project, the export file (uploaded or pasted) and an optional new name. A server
 * action, so it works before JavaScript loads. Nothing is created unless the whole file checks
 * out; otherwise its problems are listed here, per node and edge with the field.
 */
export function ImportWorkflowForm({
  projects,
  action,
  initialProjectId,
}: {
  projects: ProjectOption[];
  action: Action;
  initialProjectId?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const values = state.values ?? {};
  const fileError = state.fields?.file ?? state.fields?.text;
  return (
    <Form action={formAction} aria-label="Import a workflow" className="space-y-5">
      {state.error && !state.issues && <Alert>{state.error}</Alert>}
      {state.issues && (
        <div
          role="alert"
          aria-labelledby="import-issues-title"
          className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-300"
        >
          <p id="import-issues-title" className="font-medium">
            {state.error}
          </p>
          <ul aria-label="Problems in the file" className="mt-2 list-disc space-y-1 pl-5">
            {state.issues.map((i, n) => (
              <li key={n}>
                <span className="font-medium">{issuePlace(i)}</span>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          // A select does not take a new defaultValue once mounted: remount it with the kept one.
          key={values.projectId ?? "initial"}
          label="Project"
          name="projectId"
          defaultValue={values.projectId ?? initialProjectId ?? projects[0]?.id}
          error={state.fields?.projectId}
          hint="Where the new workflow goes."
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
          hint="Optional: the file's name unless you give one."
          maxLength={120}
          autoComplete="off"
        />
      </div>
      <div>
        <label
          htmlFor="field-file"
          className="block text-sm font-medium text-zinc-800 dark:text-zinc-200"
        >
          Export file
        </label>
        <input
          id="field-file"
          type="file"
          name="file"
          accept=".json,application/json"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={describedBy("field-file", fileError, FILE_HINT)}
          className="mt-1 block w-full rounded-lg border border-zinc-300 bg-white text-sm text-zinc-700 outline-none file:mr-3 file:border-0 file:border-r file:border-zinc-300 file:bg-zinc-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-zinc-800 focus-visible:ring-2 focus-visible:ring-indigo-500 aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:file:border-zinc-700 dark:file:bg-zinc-800 dark:file:text-zinc-100"
        />
        <FieldMessage id="field-file" error={fileError} hint={FILE_HINT} />
        {state.fileProblems && (
          <ul
            aria-label="Problems with the file"
            className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-red-600 dark:text-red-400"
          >
            {state.fileProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <label
          htmlFor="field-json"
          className="block text-sm font-medium text-zinc-800 dark:text-zinc-200"
        >
          Or paste the JSON
        </label>
        <textarea
          id="field-json"
          name="json"
          rows={8}
          defaultValue={values.json}
          spellCheck={false}
          placeholder='{ "format": "aios.workflow", "version": 1, … }'
          className={controlClass("lg", "mt-1 block w-full font-mono text-xs")}
        />
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Used when no file is chosen.
        </p>
      </div>
      <SubmitButton>Import workflow</SubmitButton>
    </Form>
  );
}
