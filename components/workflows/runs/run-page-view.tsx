"use client";

import { useRouter } from "next/navigation";
import type { ProjectRole } from "../types";
import { RunPanel } from "./run-panel";

/** The run page's panel: a re-run opens the new run's page; closing goes back to the list. */
export function RunPageView({
  workflowId,
  runId,
  labels,
  canRun,
  role,
}: {
  workflowId: string;
  runId: string;
  labels: Record<string, string>;
  canRun: boolean;
  role: ProjectRole;
}) {
  const router = useRouter();
  const runs = `/workflows/${workflowId}/runs`;
  return (
    <RunPanel
      workflowId={workflowId}
      runId={runId}
      labels={labels}
      canRun={canRun}
      role={role}
      variant="page"
      // No canvas here: a step's input and output open in the list itself.
      onSelectNode={() => {}}
      onWatch={(id) => router.push(`${runs}/${id}`)}
      onClose={() => router.push(runs)}
    />
  );
}
