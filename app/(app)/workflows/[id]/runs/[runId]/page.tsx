import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunPageView } from "@/components/workflows/runs/run-page-view";
import type { ProjectRole } from "@/components/workflows/types";
import { getRun } from "@/lib/workflows";
import { loadWorkflowForPage, orNotFound } from "../load";

export const metadata: Metadata = { title: "Workflow run" };

const LINK =
  "rounded text-indigo-600 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400";

/** One run, live, full-page: the run panel with links back to the editor and the runs list. */
export default async function WorkflowRunPage({
  params,
}: {
  params: Promise<{ id: string; runId: string }>;
}) {
  const { id, runId } = await params;
  const { ctx, workflow, role, labels, canRun } = await loadWorkflowForPage(
    id,
    `/workflows/${id}/runs/${runId}`,
  );
  const { run } = await orNotFound(getRun({ ctx, input: { runId } }));
  // Another workflow's run under this workflow's address is not a page either.
  if (run.workflowId !== workflow.id) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 flex flex-wrap gap-x-2 text-sm">
        <Link href={`/workflows/${workflow.id}`} className={LINK}>
          ← Editor
        </Link>
        <span aria-hidden="true" className="text-zinc-400">
          /
        </span>
        <Link href={`/workflows/${workflow.id}/runs`} className={LINK}>
          Runs
        </Link>
      </nav>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight md:text-3xl">{workflow.name}</h1>
      <RunPageView
        workflowId={workflow.id}
        runId={run.id}
        labels={labels}
        canRun={canRun}
        role={role as ProjectRole}
      />
    </>
  );
}
