"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import type { ApprovalView, NodeRunStatus, RunView, StepView } from "../types";
import { EMPTY_RUN_STATE, nodeStatuses, runReducer } from "./run-state";
import { watchRun, type RunSnapshot } from "./run-watcher";

export interface RunWatch {
  run: RunView | null;
  steps: StepView[];
  /** Status per node id (an iterate body's node: the worst of its items). */
  statuses: Record<string, NodeRunStatus>;
  error: string | null;
  /** The run's approvals (pending ones are what someone still has to decide). */
  approvals?: ApprovalView[];
  /** The live stream: "reconnecting" while it is down and being retried. */
  live?: "connecting" | "live" | "reconnecting" | "closed";
  /** Reads the run again (after an action such as cancel or a decision). */
  reload?: () => void;
}

/**
 * Watches a run until it ends (run-watcher.ts: the GET, then the event stream, reopened after
 * the last id; closed when the run ends and on unmount). `nodeIds` lets nodes without a step
 * show "queued" while the run is going.
 */
export function useRunEvents(runId: string | null, nodeIds?: readonly string[]): RunWatch {
  const [state, dispatch] = useReducer(runReducer, EMPTY_RUN_STATE);
  const watcher = useRef<ReturnType<typeof watchRun> | null>(null);
  // Bumped by reload() when the first read failed: the watch starts over (read, then stream).
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    dispatch({ kind: "reset" });
    if (!runId) return;
    const w = watchRun({
      runId,
      fetchRun: (id) => api<RunSnapshot>(`/api/workflow-runs/${id}`),
      openStream: (url) => new EventSource(url),
      dispatch,
      onError: (err) =>
        dispatch({
          kind: "error",
          message: err instanceof ApiError ? err.message : "Could not load the run.",
        }),
    });
    watcher.current = w;
    return () => {
      w.stop();
      watcher.current = null;
    };
  }, [runId, attempt]);

  const ids = useMemo(() => nodeIds ?? [], [nodeIds]);
  const statuses = useMemo(
    () => nodeStatuses(state.run, state.steps, ids),
    [state.run, state.steps, ids],
  );
  const loaded = state.run !== null;
  const reload = useCallback(() => {
    if (loaded) watcher.current?.refresh();
    else setAttempt((n) => n + 1);
  }, [loaded]);

  return {
    run: state.run,
    steps: state.steps,
    approvals: state.approvals,
    statuses,
    error: state.error,
    live: state.live,
    reload,
  };
}
