"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import type { ApprovalView, NodeRunStatus, RunView, StepView } from "../types";
import { EMPTY_RUN_STATE, isRunOver, nodeStatuses, runReducer, type RunEvent } from "./run-state";

export interface RunWatch {
  run: RunView | null;
  steps: StepView[];
  /** Status per node id (an iterate body's node: the worst of its items). */
  statuses: Record<string, NodeRunStatus>;
  error: string | null;
  /** The run's approvals (pending ones are what someone still has to decide). */
  approvals?: ApprovalView[];
  /** "reconnecting" while the live stream is down and being retried. */
  live?: "connecting" | "live" | "reconnecting" | "closed";
  /** Reads the run again (after an action such as cancel or a decision). */
  reload?: () => void;
}

const EVENT_TYPES = [
  "run_status",
  "step_started",
  "step_finished",
  "step_waiting",
  "approval_decided",
];
// Events that change what only the snapshot has (outputs, tokens, costs, skipped steps, approvals).
const REFRESH_ON = new Set(["run_status", "step_finished", "step_waiting", "approval_decided"]);
const REFRESH_DELAY_MS = 150;
const MAX_BACKOFF_MS = 10_000;

interface Snapshot {
  run: RunView;
  steps: StepView[];
  approvals: ApprovalView[];
}

/**
 * Watches a run until it ends: the GET for its state, then its event stream. On an error the
 * stream is reopened by hand with `after` = the last id applied (the browser's own retry would
 * resend the first URL, whose `after` the server prefers over Last-Event-ID). Closed when the run
 * ends (read once more then) and on unmount. `nodeIds` lets nodes without a step show "queued".
 */
export function useRunEvents(runId: string | null, nodeIds?: readonly string[]): RunWatch {
  const [state, dispatch] = useReducer(runReducer, EMPTY_RUN_STATE);
  // The last event id seen, for reopening the stream after it (kept outside React's render).
  const lastId = useRef(0);
  // Bumped by reload() when the first read failed: the effect starts over (read, then stream).
  const [attempt, setAttempt] = useState(0);

  // Fetches are numbered: an answer older than one already applied is dropped.
  const fetchSeq = useRef({ issued: 0, applied: 0 });
  const refresh = useCallback(async (id: string) => {
    const n = ++fetchSeq.current.issued;
    try {
      const snap = await api<Snapshot>(`/api/workflow-runs/${id}`);
      if (n < fetchSeq.current.applied) return null;
      fetchSeq.current.applied = n;
      dispatch({ kind: "snapshot", ...snap });
      return snap;
    } catch (err) {
      const message = err instanceof ApiError ? err.message : "Could not load the run.";
      dispatch({ kind: "error", message });
      return null;
    }
  }, []);

  useEffect(() => {
    dispatch({ kind: "reset" });
    lastId.current = 0;
    if (!runId) return;
    let stopped = false;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const close = (as: "closed" | "reconnecting") => {
      source?.close();
      source = null;
      if (!stopped) dispatch({ kind: "live", live: as });
    };
    const refreshSoon = () => {
      clearTimeout(pending);
      pending = setTimeout(() => void refresh(runId), REFRESH_DELAY_MS);
    };
    const open = () => {
      if (stopped) return;
      const es = new EventSource(`/api/workflow-runs/${runId}/events?after=${lastId.current}`);
      source = es;
      es.onopen = () => {
        failures = 0;
        dispatch({ kind: "live", live: "live" });
      };
      for (const type of EVENT_TYPES)
        es.addEventListener(type, (e) => {
          const event = parseEvent(type, e as MessageEvent<string>);
          if (!event) return;
          lastId.current = Math.max(lastId.current, event.id);
          dispatch({ kind: "event", event });
          if (REFRESH_ON.has(type)) refreshSoon();
        });
      es.addEventListener("end", () => {
        dispatch({ kind: "end" });
        close("closed");
        clearTimeout(pending);
        void refresh(runId);
      });
      es.onerror = () => {
        if (es !== source) return;
        close("reconnecting");
        const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures++);
        // The run may have ended (or gone) while we were away: read it, then reopen if still going.
        retry = setTimeout(async () => {
          const snap = await refresh(runId);
          if (stopped) return;
          if (snap && isRunOver(snap.run.status)) return dispatch({ kind: "live", live: "closed" });
          open();
        }, wait);
      };
    };
    void refresh(runId).then((snap) => {
      if (stopped || !snap) return;
      if (isRunOver(snap.run.status)) dispatch({ kind: "live", live: "closed" });
      else open();
    });
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(pending);
      source?.close();
    };
  }, [runId, refresh, attempt]);

  const ids = useMemo(() => nodeIds ?? [], [nodeIds]);
  const statuses = useMemo(
    () => nodeStatuses(state.run, state.steps, ids),
    [state.run, state.steps, ids],
  );
  const loaded = state.run !== null;
  const reload = useCallback(() => {
    if (!runId) return;
    if (loaded) void refresh(runId);
    else setAttempt((n) => n + 1);
  }, [runId, refresh, loaded]);

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

function parseEvent(type: string, e: MessageEvent<string>): RunEvent | null {
  const id = Number(e.lastEventId);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  try {
    const data = JSON.parse(e.data) as Record<string, unknown>;
    return { id, type, data: data && typeof data === "object" ? data : {} };
  } catch {
    return null;
  }
}
