"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldMessage, describedBy } from "@/components/ui/field";
import { controlClass } from "@/components/ui/input";

export interface PublishDialogProps {
  workflowId: string;
  /** Problems of the draft: publishing is refused while there are any. */
  issueCount: number;
  onPublished: (version: number) => void;
  onClose: () => void;
  /**
   * The draft revision being published (the editor's saved one). Without it the dialog reads
   * the workflow's current revision; either way a newer save elsewhere is refused (409).
   */
  revision?: number;
  /**
   * Whether the canvas is saved (the editor's save state). While a save is pending, running or
   * failed, publishing waits: it would publish an older draft than the one on screen.
   */
  saved?: boolean;
}

const MAX_MESSAGE = 500; // PublishInput's limit

type Failure = { message: string; problems: string[] };

/** Why publishing failed, with the draft's problems when the API lists them (validation). */
function failureOf(err: unknown): Failure {
  if (!(err instanceof ApiError)) return { message: "Could not publish. Try again.", problems: [] };
  const issues = (err.details?.issues ?? []) as { message?: string; nodeId?: string }[];
  const problems = issues.map((i) => (i.nodeId ? `${i.nodeId}: ${i.message}` : `${i.message}`));
  return { message: err.message, problems };
}

/**
 * Publish the draft as the next version, with a message saying what changed (optional, kept in
 * the history). A native modal <dialog>: focus starts in the message, Escape closes it, the page
 * behind is inert. While the draft has problems it explains that and does not offer to publish.
 */
export function PublishDialog({
  workflowId,
  issueCount,
  onPublished,
  onClose,
  revision,
  saved = true,
}: PublishDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const blocked = issueCount > 0;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>("textarea")?.focus();
    return () => dialog?.close();
  }, []);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (blocked || busy || !saved) return;
    setBusy(true);
    setFailure(null);
    try {
      const rev =
        revision ??
        (await api<{ workflow: { revision: number } }>(`/api/workflows/${workflowId}`)).workflow
          .revision;
      const { version } = await api<{ version: { number: number } }>(
        `/api/workflows/${workflowId}/publish`,
        { method: "POST", json: { revision: rev, message: message.trim() } },
      );
      onPublished(version.number);
    } catch (err) {
      setFailure(failureOf(err));
      setBusy(false);
    }
  }

  const tooLong = message.length > MAX_MESSAGE;
  const hint = `Optional: what changed, for the version history (up to ${MAX_MESSAGE} characters).`;
  const messageError = tooLong ? `Keep the message under ${MAX_MESSAGE} characters.` : null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-about`}
      onCancel={(e) => (e.preventDefault(), busy || onClose())}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold">
            Publish the draft
          </h2>
          <p id={`${id}-about`} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Publishing makes the draft the next version: new runs, schedules and webhooks use it
            from then on. Runs already going keep their version.
          </p>
        </div>
        {!saved && !blocked && (
          <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
            Saving the latest changes first…
          </p>
        )}
        {blocked && (
          <Alert>
            The draft has {issueCount} problem{issueCount === 1 ? "" : "s"}. Fix{" "}
            {issueCount === 1 ? "it" : "them"} first: each is marked on its node in the editor.
          </Alert>
        )}
        <div>
          <label htmlFor={`${id}-message`} className="block text-sm font-medium">
            Message
          </label>
          <textarea
            id={`${id}-message`}
            name="message"
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            placeholder="e.g. Ask for a review before sending"
            aria-invalid={tooLong || undefined}
            aria-describedby={describedBy(`${id}-message`, messageError, hint)}
            className={controlClass("lg", "mt-1 block w-full resize-y")}
          />
          <FieldMessage id={`${id}-message`} error={messageError} hint={hint} />
        </div>
        {failure && (
          <Alert>
            {failure.message}
            {failure.problems.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {failure.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" busy={busy} disabled={blocked || tooLong || !saved}>
            Publish
          </Button>
        </div>
      </form>
    </dialog>
  );
}
