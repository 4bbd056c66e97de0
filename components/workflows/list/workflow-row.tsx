import Link from "next/link";
import { timeAgo } from "@/components/lib/time-ago";
import { Badge } from "@/components/ui/badge";
import type { WorkflowListItem } from "@/lib/workflows/views";
import { rowStatus, runStatusLabel } from "./workflow-status";

const LINK =
  "rounded outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-zinc-900";

/**
 * One workflow in a list (the Workflows page and a project's section): name to the editor, its
 * project, publication and failures, last run and last change. Server-rendered, no JavaScript.
 */
export function WorkflowRow({
  workflow: w,
  now,
  showProject = true,
}: {
  workflow: WorkflowListItem;
  /** The render's clock (ms), for "5 minutes ago". */
  now: number;
  showProject?: boolean;
}) {
  const { publication, failures } = rowStatus(w);
  const run = w.lastRun && runStatusLabel(w.lastRun.status);
  return (
    <li
      className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between"
      aria-label={w.name}
    >
      <div className="min-w-0 space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href={`/workflows/${w.id}`}
            className={`font-medium wrap-anywhere text-indigo-700 hover:underline dark:text-indigo-300 ${LINK}`}
          >
            {w.name}
          </Link>
          <span className="flex flex-wrap gap-1" data-testid="workflow-status">
            <Badge tone={publication.tone}>{publication.label}</Badge>
            {failures && <Badge tone={failures.tone}>{failures.label}</Badge>}
          </span>
        </div>
        {w.description && (
          <p className="line-clamp-1 text-sm wrap-anywhere text-zinc-600 dark:text-zinc-400">
            {w.description}
          </p>
        )}
        <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
          {showProject && (
            <div className="flex gap-1">
              <dt>Project</dt>
              <dd>
                <Link
                  href={`/projects/${w.project.id}`}
                  className={`font-medium text-zinc-700 hover:underline dark:text-zinc-300 ${LINK}`}
                >
                  {w.project.name}
                </Link>
              </dd>
            </div>
          )}
          <div className="flex gap-1">
            <dt>Last run</dt>
            <dd data-testid="workflow-last-run">
              {w.lastRun && run ? (
                <span className="text-zinc-700 dark:text-zinc-300">
                  {run.label} · {timeAgo(w.lastRun.createdAt, now)}
                </span>
              ) : (
                "never"
              )}
            </dd>
          </div>
          <div className="flex gap-1">
            <dt>Updated</dt>
            <dd>
              <time dateTime={w.updatedAt}>{timeAgo(w.updatedAt, now)}</time>
            </dd>
          </div>
        </dl>
      </div>
      <div className="flex shrink-0 gap-2">
        <a
          href={`/api/workflows/${w.id}/export`}
          download
          className={`rounded-lg border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800 ${LINK}`}
          aria-label={`Export ${w.name} as JSON`}
        >
          Export
        </a>
      </div>
    </li>
  );
}

/** The rows of a workflows list, in one bordered panel. */
export function WorkflowRows({
  workflows,
  now,
  showProject = true,
  label = "Workflows",
}: {
  workflows: WorkflowListItem[];
  now: number;
  showProject?: boolean;
  label?: string;
}) {
  return (
    <ul
      aria-label={label}
      className="divide-y divide-zinc-200 rounded-2xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {workflows.map((w) => (
        <WorkflowRow key={w.id} workflow={w} now={now} showProject={showProject} />
      ))}
    </ul>
  );
}
