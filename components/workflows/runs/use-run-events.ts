"use client";

import type { NodeRunStatus, RunView, StepView } from "../types";

export interface RunWatch {
  run: RunView | null;
  steps: StepView[];
  /** Status per node id (an iterate body's node: the worst of its items). */
  statuses: Record<string, NodeRunStatus>;
  error: string | null;
}

/** PLACEHOLDER (replaced by the SSE implementation): watches a run until it ends. */
export function useRunEvents(runId: string | null): RunWatch {
  void runId;
  return { run: null, steps: [], statuses: {}, error: null };
}
