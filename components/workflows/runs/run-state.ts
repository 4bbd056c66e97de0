import type { ApprovalView, NodeRunStatus, RunView, StepView } from "../types";

/*
 * A watched run as a pure reducer: the GET snapshot, then the event stream's events applied on
 * top. Events carry no outputs, tokens or costs, so the hook re-reads the snapshot after the
 * events that change them; a snapshot always replaces what the events guessed. Events are
 * applied once (by id), so a stream that replays from an older id changes nothing.
 */

export interface RunState {
  run: RunView | null;
  steps: StepView[];
  approvals: ApprovalView[];
  /** The last event id applied: a reconnect asks for what comes after it. */
  lastEventId: number;
  /** The stream said the run ended (or the snapshot did): nothing more will come. */
  ended: boolean;
  /** Why the run could not be read (the last read failed). */
  error: string | null;
  /** The live stream: opening, open, down and retried, or closed (the run is over). */
  live: "connecting" | "live" | "reconnecting" | "closed";
}

export interface RunEvent {
  id: number;
  type: string;
  data: Record<string, unknown>;
}

export type RunAction =
  | { kind: "reset" }
  | { kind: "snapshot"; run: RunView; steps: StepView[]; approvals: ApprovalView[] }
  | { kind: "event"; event: RunEvent }
  | { kind: "end" }
  | { kind: "error"; message: string }
  | { kind: "live"; live: RunState["live"] };

export const EMPTY_RUN_STATE: RunState = {
  run: null,
  steps: [],
  approvals: [],
  lastEventId: 0,
  ended: false,
  error: null,
  live: "connecting",
};

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);
export const isRunOver = (status: string | undefined) => !!status && TERMINAL.has(status);
/** Whether a run may still be cancelled (it has not ended). */
export const isRunActive = (status: string | undefined) =>
  status === "queued" || status === "running" || status === "waiting_approval";

const str = (v: unknown) => (typeof v === "string" ? v : null);

function applyEvent(state: RunState, { type, data }: RunEvent): RunState {
  const at = str(data.at);
  const stepId = str(data.stepId);
  if (type === "run_status" && state.run) {
    const status = str(data.status) as RunView["status"] | null;
    if (!status) return state;
    const run = { ...state.run, status };
    if (status === "running") run.startedAt ??= at;
    if (TERMINAL.has(status)) {
      run.finishedAt ??= at;
      if (data.error) run.error = data.error as RunView["error"];
    }
    return { ...state, run, ended: state.ended || TERMINAL.has(status) };
  }
  if (type === "step_started" && stepId) {
    const known = state.steps.find((s) => s.id === stepId);
    const patch = {
      status: "running" as const,
      attempt: Number(data.attempt ?? known?.attempt ?? 1),
      startedAt: at,
      finishedAt: null,
      error: null,
      branch: null,
    };
    if (known) return { ...state, steps: patchStep(state.steps, stepId, patch) };
    const step: StepView = {
      id: stepId,
      nodeId: str(data.nodeId) ?? "",
      itemPath: str(data.itemPath) ?? "",
      nodeType: "",
      input: null,
      output: null,
      tokens: 0,
      costUsd: 0,
      reused: false,
      durationMs: null,
      ...patch,
    };
    return { ...state, steps: [...state.steps, step] };
  }
  if (type === "step_finished" && stepId) {
    const status = (str(data.status) ?? "succeeded") as StepView["status"];
    return {
      ...state,
      steps: patchStep(state.steps, stepId, {
        status,
        branch: str(data.branch),
        error: (data.error ?? null) as StepView["error"],
        durationMs: typeof data.durationMs === "number" ? data.durationMs : null,
        finishedAt: at,
      }),
    };
  }
  if (type === "step_waiting" && stepId)
    return { ...state, steps: patchStep(state.steps, stepId, { status: "waiting" }) };
  if (type === "approval_decided") {
    const id = str(data.approvalId);
    const status = str(data.status) as ApprovalView["status"] | null;
    if (!id || !status) return state;
    return {
      ...state,
      approvals: state.approvals.map((a) => (a.id === id ? { ...a, status } : a)),
    };
  }
  return state;
}

function patchStep(steps: StepView[], id: string, patch: Partial<StepView>): StepView[] {
  return steps.map((s) => (s.id === id ? { ...s, ...patch } : s));
}

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.kind) {
    case "reset":
      return EMPTY_RUN_STATE;
    case "snapshot":
      return {
        ...state,
        run: action.run,
        steps: action.steps,
        approvals: action.approvals,
        ended: state.ended || isRunOver(action.run.status),
        error: null,
      };
    case "event":
      if (action.event.id <= state.lastEventId) return state;
      return { ...applyEvent(state, action.event), lastEventId: action.event.id };
    case "end":
      return { ...state, ended: true, live: "closed" };
    case "error":
      return { ...state, error: action.message };
    case "live":
      return state.live === action.live ? state : { ...state, live: action.live };
  }
}

/** The engine's step status as the canvas shows it (an interrupted step did not finish: failed). */
export function stepNodeStatus(status: StepView["status"]): NodeRunStatus {
  return status === "interrupted" ? "failed" : status;
}

// Which status a node shows when its items differ (an iterate body): the one that needs a look first.
const SEVERITY: NodeRunStatus[] = [
  "failed",
  "waiting",
  "running",
  "queued",
  "cancelled",
  "succeeded",
  "skipped",
];

/**
 * Status per node id: from its steps (the worst of an iterate body's items); a node without a
 * step is queued while the run is still going, and has no status once the run is over.
 */
export function nodeStatuses(
  run: RunView | null,
  steps: StepView[],
  nodeIds: readonly string[] = [],
): Record<string, NodeRunStatus> {
  const out: Record<string, NodeRunStatus> = {};
  for (const s of steps) {
    const next = stepNodeStatus(s.status);
    const prev = out[s.nodeId];
    if (!prev || SEVERITY.indexOf(next) < SEVERITY.indexOf(prev)) out[s.nodeId] = next;
  }
  if (run && isRunActive(run.status)) for (const id of nodeIds) out[id] ??= "queued";
  return out;
}

/** The run's pending approvals (what someone still has to decide). */
export const pendingApprovals = (approvals: ApprovalView[]) =>
  approvals.filter((a) => a.status === "pending");
