import type { Metadata } from "next";
import Link from "next/link";
import { StartRunButton } from "@/components/workflows/runs/start-run-button";
import { RunsTable } from "@/components/workflows/runs/runs-table";
import {
  isRunStatus,
  RUN_STATUS_LABELS,
  RUN_STATUS_OPTIONS,
} from "@/components/workflows/runs/run-format";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { listRuns } from "@/lib/workflows";
import { loadWorkflowForPage } from "./load";

export const metadata: Metadata = { title: "Workflow runs" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const LINK =
  "rounded text-sm font-medium text-indigo-600 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400";

/** A workflow's runs, newest first: a status filter and "Older" pages (plain GET, works without JS). */
export default async function WorkflowRunsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { ctx, workflow, canRun, triggerConfig } = await loadWorkflowForPage(
    id,
    `/workflows/${id}/runs`,
  );
  const wanted = one(query.status);
  const status = isRunStatus(wanted) ? wanted : undefined;
  const rawBefore = one(query.before);
  // A cursor that is not a time is ignored (first page), not an error page.
  const before =
    rawBefore && !Number.isNaN(Date.parse(rawBefore))
      ? new Date(rawBefore).toISOString()
      : undefined;
  const { runs, next } = await listRuns({
    ctx,
    input: { workflowId: workflow.id, status, before, limit: 25 },
  });
  const base = `/workflows/${workflow.id}/runs`;
  const withQuery = (extra: Record<string, string>) =>
    `${base}?${new URLSearchParams({ ...(status ? { status } : {}), ...extra })}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href={`/workflows/${workflow.id}`} className={LINK}>
          ← {workflow.name}
        </Link>
      </nav>
      <PageHeader title="Runs" description={`Every run of “${workflow.name}”, newest first.`}>
        {canRun && (
          <StartRunButton
            workflowId={workflow.id}
            triggerConfig={triggerConfig}
            published={workflow.publishedVersion !== null}
          />
        )}
      </PageHeader>
      <Card title={status ? `${RUN_STATUS_LABELS[status]} runs` : "All runs"} id="runs-heading">
        <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="runs-status" className="block text-xs font-medium">
              Status
            </label>
            <Select id="runs-status" name="status" defaultValue={status ?? ""} className="mt-1">
              <option value="">All</option>
              {RUN_STATUS_OPTIONS.map((s) => (
                <option key={s} value={s}>
                  {RUN_STATUS_LABELS[s]}
                </option>
              ))}
            </Select>
          </div>
          <button
            type="submit"
            className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            Filter
          </button>
          {status && (
            <Link href={base} className={`${LINK} ml-1 py-1.5`}>
              Clear
            </Link>
          )}
        </form>
        {runs.length ? (
          <RunsTable workflowId={workflow.id} runs={runs} now={ctx.clock.now().getTime()} />
        ) : (
          <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
            {status || before ? (
              "No runs match."
            ) : (
              <>
                No runs yet — run it from the{" "}
                <Link href={`/workflows/${workflow.id}`} className={LINK}>
                  editor
                </Link>
                .
              </>
            )}
          </p>
        )}
        {(before || next) && (
          <nav aria-label="Pages" className="mt-4 flex justify-between gap-2">
            {before ? (
              <Link href={withQuery({})} className={LINK}>
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {next && (
              <Link href={withQuery({ before: next })} className={LINK}>
                Older →
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
