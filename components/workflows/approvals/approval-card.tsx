import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { ApprovalView } from "@/components/workflows/types";
import { approvalTimes, runHref } from "./approval-times";
import { DecisionForm, type DecideAction } from "./decision-form";

/** An approval as the inbox lists it: the approval and where it comes from. */
export type InboxApproval = ApprovalView & {
  workflow: { id: string; name: string };
  project: { id: string; name: string };
};

const LINK =
  "rounded font-medium text-indigo-600 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400";

/** One waiting decision: what is asked, by which run, since and until when; and the form. */
export function ApprovalCard({
  approval: a,
  now,
  action,
}: {
  approval: InboxApproval;
  now: number;
  action: DecideAction;
}) {
  const times = approvalTimes(a, now);
  const headingId = `approval-${a.id}`;
  return (
    <article
      aria-labelledby={headingId}
      data-testid="approval"
      className="rounded-2xl border border-zinc-200 bg-white p-4 shadow-sm sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <div className="min-w-0">
          <h2 id={headingId} className="truncate text-base font-semibold">
            {a.workflow.name}
          </h2>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            in{" "}
            <Link href={`/projects/${a.project.id}`} className={LINK}>
              {a.project.name}
            </Link>
            {" · step "}
            <code className="rounded bg-zinc-100 px-1 text-xs dark:bg-zinc-800">{a.nodeId}</code>
          </p>
        </div>
        <Badge tone="info">Needs {a.role}</Badge>
      </div>
      <blockquote className="mt-3 rounded-lg border-l-4 border-indigo-300 bg-zinc-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-zinc-800 dark:border-indigo-500/60 dark:bg-zinc-800/60 dark:text-zinc-200">
        {a.prompt || (
          <span className="text-zinc-500 italic dark:text-zinc-400">
            No question was given: decide whether the run goes on.
          </span>
        )}
      </blockquote>
      <p className="mt-3 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <time dateTime={a.createdAt} title={new Date(a.createdAt).toUTCString()}>
          {times.requested}
        </time>
        <span aria-hidden="true">·</span>
        {a.expiresAt ? (
          <time
            dateTime={a.expiresAt}
            title={new Date(a.expiresAt).toUTCString()}
            className={times.urgent ? "font-medium text-amber-700 dark:text-amber-400" : undefined}
          >
            {times.expires}
          </time>
        ) : (
          <span>{times.expires}</span>
        )}
        {/* Its own end of the line (wrapping whole on a phone), so no dangling separator. */}
        <Link href={runHref(a.workflow.id, a.runId)} className={`ml-auto ${LINK}`}>
          Open the run →
        </Link>
      </p>
      <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <DecisionForm
          approvalId={a.id}
          workflowId={a.workflow.id}
          label={a.workflow.name}
          action={action}
        />
      </div>
    </article>
  );
}
