import type { ApprovalView, RunView, StepView } from "../types";
import { isRunOver, type RunAction, type RunEvent } from "./run-state";

export interface RunSnapshot {
  run: RunView;
  steps: StepView[];
  approvals: ApprovalView[];
}

/** The part of EventSource the watcher uses (a fake one in tests). */
export interface StreamLike {
  onopen: ((e: Event) => void) | null;
  onerror: ((e: Event) => void) | null;
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void;
  close(): void;
}

export interface WatchDeps {
  runId: string;
  /** GET /api/workflow-runs/:id (throws on failure). */
  fetchRun: (runId: string) => Promise<RunSnapshot>;
  openStream: (url: string) => StreamLike;
  dispatch: (action: RunAction) => void;
  /** A read failed: what to show. */
  onError: (err: unknown) => void;
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
export const REFRESH_DELAY_MS = 150;
const MAX_BACKOFF_MS = 10_000;

/**
 * Watches a run until it ends: the GET for its state, then its event stream. On an error the
 * stream is reopened by hand with `after` = the last id seen (the browser's own retry would
 * resend the first URL, whose `after` the server prefers over Last-Event-ID), after reading the
 * run again (it may have ended meanwhile). The stream's `end` closes it and reads the run once
 * more. Returns stop (unmount) and refresh (after an action such as cancel).
 */
export function watchRun(d: WatchDeps) {
  let stopped = false;
  let lastId = 0;
  let failures = 0;
  let source: StreamLike | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  // Reads are numbered: an answer older than one already applied is dropped.
  let issued = 0;
  let applied = 0;
  // The last read was refused (signed out, the run or access gone: a 4xx): reconnecting cannot
  // help, so the watch ends with that error shown instead of retrying every few seconds.
  let refused = false;

  async function refresh(): Promise<RunSnapshot | null> {
    const n = ++issued;
    try {
      const snap = await d.fetchRun(d.runId);
      if (stopped || n < applied) return null;
      applied = n;
      refused = false;
      d.dispatch({ kind: "snapshot", ...snap });
      return snap;
    } catch (err) {
      const status = (err as { status?: unknown } | null)?.status;
      refused = typeof status === "number" && status >= 400 && status < 500;
      if (!stopped) d.onError(err);
      return null;
    }
  }
  const live = (live: "live" | "reconnecting" | "closed") =>
    stopped || d.dispatch({ kind: "live", live });
  const close = () => {
    source?.close();
    source = null;
  };

  function open() {
    if (stopped) return;
    const es = d.openStream(`/api/workflow-runs/${d.runId}/events?after=${lastId}`);
    source = es;
    es.onopen = () => {
      failures = 0;
      live("live");
    };
    for (const type of EVENT_TYPES)
      es.addEventListener(type, (e) => {
        const event = parseEvent(type, e);
        if (!event || stopped) return;
        lastId = Math.max(lastId, event.id);
        d.dispatch({ kind: "event", event });
        if (REFRESH_ON.has(type)) {
          clearTimeout(pending);
          pending = setTimeout(() => void refresh(), REFRESH_DELAY_MS);
        }
      });
    es.addEventListener("end", () => {
      close();
      clearTimeout(pending);
      if (stopped) return;
      d.dispatch({ kind: "end" });
      void refresh();
    });
    es.onerror = () => {
      if (es !== source) return;
      close();
      live("reconnecting");
      const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures++);
      retry = setTimeout(async () => {
        const snap = await refresh();
        if (stopped) return;
        if (refused || (snap && isRunOver(snap.run.status))) live("closed");
        else open();
      }, wait);
    };
  }

  void refresh().then((snap) => {
    if (stopped || !snap) return;
    if (isRunOver(snap.run.status)) live("closed");
    else open();
  });

  return {
    refresh: () => void refresh(),
    stop() {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(pending);
      close();
    },
  };
}

export function parseEvent(type: string, e: MessageEvent<string>): RunEvent | null {
  const id = Number(e.lastEventId);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  try {
    const data = JSON.parse(e.data) as unknown;
    return {
      id,
      type,
      data: data && typeof data === "object" ? (data as Record<string, unknown>) : {},
    };
  } catch {
    return null;
  }
}
