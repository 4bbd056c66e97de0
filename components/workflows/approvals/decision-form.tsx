"use client";

import { useActionState, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldMessage, describedBy } from "@/components/ui/field";
import { controlClass } from "@/components/ui/input";
import type { DecisionFormState } from "@/lib/workflows/approvals/decide-form";

export type DecideAction = (
  previous: DecisionFormState,
  form: FormData,
) => Promise<DecisionFormState>;

/**
 * Approve / Reject with a comment. The form posts to a server action: before hydration (or
 * without JavaScript) it is a plain POST answered with the inbox again; after hydration the same
 * action runs without a page load. Refusals (already decided, run ended, role too low) show here.
 */
export function DecisionForm({
  approvalId,
  workflowId,
  label,
  action,
}: {
  approvalId: string;
  workflowId: string;
  /** What is being decided, for the form's accessible name. */
  label: string;
  action: DecideAction;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [choice, setChoice] = useState<string | null>(null);
  const id = `comment-${useId()}`;
  const hint = "Optional. Kept with the decision in the run's history.";
  return (
    <form
      action={formAction}
      aria-label={`Decide: ${label}`}
      noValidate
      onSubmit={(e) => {
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        setChoice(submitter?.value ?? null);
      }}
      className="space-y-3"
    >
      <input type="hidden" name="approvalId" value={approvalId} />
      <input type="hidden" name="workflowId" value={workflowId} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Comment
        </label>
        <textarea
          id={id}
          name="comment"
          rows={2}
          maxLength={2000}
          defaultValue={state.comment}
          aria-invalid={state.commentError ? true : undefined}
          aria-describedby={describedBy(id, state.commentError, hint)}
          className={controlClass("lg", "mt-1 block w-full resize-y")}
        />
        <FieldMessage id={id} error={state.commentError} hint={hint} />
      </div>
      {state.error && <Alert>{state.error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          name="decision"
          value="approve"
          busy={pending && choice === "approve"}
          disabled={pending}
          className="flex-1 sm:flex-none"
        >
          Approve
        </Button>
        <Button
          type="submit"
          name="decision"
          value="reject"
          variant="danger-quiet"
          busy={pending && choice === "reject"}
          disabled={pending}
          className="flex-1 sm:flex-none"
        >
          Reject
        </Button>
      </div>
    </form>
  );
}
