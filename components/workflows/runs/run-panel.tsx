"use client";

import { useMemo, useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ProjectRole, RunView } from "../types";
import { RunApprovals } from "./run-approvals";
import { RUN_STATUS_LABELS, runTone } from "./run-format";
import { isRunActive, isRunOver } from "./run-state";
import { RunSteps } from "./run-steps";
import { RunSummary } from "./run-summary";
import { useRunEvents, type RunWatch } from "./use-run-events";

export interface RunPanelProps {
  workflowId: string;
  runId: string;
  /** Node id → label, for the step list. */
  labels: Record<string, string>;
  canRun: boolean;
  /** A step was clicked: the editor selects (and centres) its node. */
  onSelectNode: (nodeId: string) => void;
  /** A re-run or a new run started: the editor watches that one. */
  onWatch: (runId: string) => void;
  onClose: () => void;
  /** "page": the run page's full-width view, without the Close button. */
  variant?: "panel" | "page";
  /** The caller's own useRunEvents(runId) (e.g. the editor's, for the canvas): one stream, not two. */
  watch?: RunWatch;
  /** The caller's project role (who may decide which approval). */
  role?: ProjectRole;
}

/** A run, live: its facts, Cancel, pending approvals, and the steps with their input and output. */
export function RunPanel({
  workflowId,
  runId,
  labels,
  canRun,
  onSelectNode,
  onWatch,
  onClose,
  variant = "panel",
  watch: given,
  role,
}: RunPanelProps) {
  const nodeIds = useMemo(() => Object.keys(labels), [labels]);
  const own = useRunEvents(given ? null : runId, nodeIds);
  const watch = given ?? own;
  const { run, steps, error } = watch;
  const [action, setAction] = useState<{ busy: string | null; error: string | null }>({
    busy: null,
    error: null,
  });

  async function act(busy: string, path: string, json: unknown, then: (run: RunView) => void) {
    setAction({ busy, error: null });
    try {
      const res = await api<{ run: RunView }>(path, { method: "POST", json });
      then(res.run);
      setAction({ busy: null, error: null });
    } catch (err) {
      const message = err instanceof ApiError ? err.message : "The request failed; try again.";
      setAction({ busy: null, error: message });
    }
  }
  const cancel = () =>
    act("cancel", `/api/workflow-runs/${runId}/cancel`, {}, () => watch.reload?.());
  const rerun = (fromNodeId: string) =>
    act(`rerun:${fromNodeId}`, `/api/workflow-runs/${runId}/rerun`, { fromNodeId }, (r) =>
      onWatch(r.id),
    );
  const rerunning = action.busy?.startsWith("rerun:") ? action.busy.slice(6) : null;

  return (
    <section
      aria-labelledby={`run-${runId}-title`}
      data-workflow-id={workflowId}
      className={
        variant === "page"
          ? "min-w-0 space-y-4 rounded-2xl border border-zinc-200 bg-white p-4 shadow-sm sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
          : "min-w-0 space-y-4 p-4"
      }
    >
      <header className="flex flex-wrap items-center gap-2">
        <h2 id={`run-${runId}-title`} className="mr-auto text-base font-semibold">
          Run{" "}
          <span className="font-mono text-sm text-zinc-500 dark:text-zinc-400">
            {runId.slice(0, 8)}
          </span>
        </h2>
        {run && (
          <span data-testid="run-status">
            <Badge tone={runTone(run.status)}>{RUN_STATUS_LABELS[run.status]}</Badge>
          </span>
        )}
        {watch.live === "reconnecting" && (
          <span role="status" className="text-xs text-amber-700 dark:text-amber-300">
            Reconnecting…
          </span>
        )}
        {run && canRun && isRunActive(run.status) && (
          <Button
            size="sm"
            variant="danger-quiet"
            busy={action.busy === "cancel"}
            disabled={run.cancelRequested}
            onClick={cancel}
          >
            {run.cancelRequested ? "Cancelling…" : "Cancel run"}
          </Button>
        )}
        {variant === "panel" && (
          <Button size="sm" variant="secondary" onClick={onClose}>
            Close
          </Button>
        )}
      </header>
      {action.error && <Alert>{action.error}</Alert>}
      {!run && !error && (
        <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
          Loading the run…
        </p>
      )}
      {error && (
        <Alert>
          {error}{" "}
          <button type="button" className="font-medium underline" onClick={() => watch.reload?.()}>
            Try again
          </button>
        </Alert>
      )}
      {run && (
        <>
          <RunSummary run={run} />
          {run.error && (
            <Alert>
              {run.error.nodeId ? `${labels[run.error.nodeId] ?? run.error.nodeId}: ` : ""}
              {run.error.message}
            </Alert>
          )}
          <RunApprovals
            approvals={watch.approvals ?? []}
            labels={labels}
            role={role}
            onDecided={() => watch.reload?.()}
          />
          <div>
            <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
              Steps
            </h3>
            {steps.length ? (
              <RunSteps
                steps={steps}
                labels={labels}
                canRerun={canRun && isRunOver(run.status)}
                rerunning={rerunning}
                onSelectNode={onSelectNode}
                onRerun={rerun}
              />
            ) : (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">
                {isRunActive(run.status) ? "No step has started yet." : "This run ran no steps."}
              </p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
