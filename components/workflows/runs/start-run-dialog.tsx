"use client";

import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { fieldMessage } from "@/components/lib/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldGroup } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import type { RunView } from "../types";
import {
  apiFieldErrors,
  initialValues,
  inputFields,
  parseInput,
  type FormValues,
} from "./input-form";
import { RunInputField } from "./run-input-field";

export interface StartRunDialogProps {
  workflowId: string;
  /** The trigger node's config (its `inputs` describe the form). */
  triggerConfig: Record<string, unknown> | null;
  /** Whether there is a published version; without one only the draft can be tested. */
  published: boolean;
  onStarted: (runId: string) => void;
  onClose: () => void;
}

const RADIO = "size-4 accent-indigo-600";

/**
 * The run form, generated from the trigger's inputs, in a native modal <dialog> (the browser
 * traps focus, Escape closes, focus returns to the opener); focus starts on the first field.
 */
export function StartRunDialog({
  workflowId,
  triggerConfig,
  published,
  onStarted,
  onClose,
}: StartRunDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const fields = useMemo(() => inputFields(triggerConfig), [triggerConfig]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [draft, setDraft] = useState(!published);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseInput(fields, values);
    setFormError(null);
    setErrors(wordErrors(parsed.errors));
    if (Object.keys(parsed.errors).length) return;
    setBusy(true);
    try {
      const { run } = await api<{ run: RunView }>(`/api/workflows/${workflowId}/runs`, {
        method: "POST",
        json: draft ? { draft: true, input: parsed.input } : { input: parsed.input },
      });
      onStarted(run.id);
    } catch (err) {
      if (!(err instanceof ApiError)) return setFormError("Could not start the run; try again.");
      const byField = apiFieldErrors(err.fields);
      setErrors(wordErrors(byField));
      if (!Object.keys(byField).length) setFormError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => (e.preventDefault(), onClose())}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Start a run
      </h2>
      <Form onSubmit={submit} className="mt-4 space-y-4" aria-labelledby={`${id}-title`}>
        <FieldGroup
          legend="Version"
          name="run-version"
          hint={published ? undefined : "Not published yet: only the draft can be tested."}
        >
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="version"
              className={RADIO}
              checked={!draft}
              disabled={!published}
              onChange={() => setDraft(false)}
              data-autofocus={published && !fields.length ? true : undefined}
            />
            Run published version
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="version"
              className={RADIO}
              checked={draft}
              onChange={() => setDraft(true)}
              data-autofocus={!published && !fields.length ? true : undefined}
            />
            Test the draft
          </label>
        </FieldGroup>
        {fields.length ? (
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Input</legend>
            {fields.map((f, i) => (
              <RunInputField
                key={f.name}
                field={f}
                value={values[f.name] ?? ""}
                error={errors[f.name]}
                autoFocus={i === 0}
                onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
              />
            ))}
          </fieldset>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">This workflow takes no input.</p>
        )}
        {formError && <Alert>{formError}</Alert>}
        <div className="flex flex-wrap justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={busy}>
            {draft ? "Test the draft" : "Start run"}
          </Button>
        </div>
      </Form>
    </dialog>
  );
}

const wordErrors = (byName: Record<string, string>) =>
  Object.fromEntries(Object.entries(byName).map(([k, m]) => [k, fieldMessage(k, m)]));

/** The API's refusal as one sentence; a draft with problems lists the first few. */
function describeError(err: ApiError): string {
  const issues = err.details?.issues;
  if (!Array.isArray(issues) || !issues.length) return err.message;
  const some = issues
    .slice(0, 3)
    .map((i) => (i as { message?: string }).message)
    .filter(Boolean);
  return `${err.message} ${some.join(" ")}`.trim();
}
