import { describe, expect, it } from "vitest";
import {
  EMPTY_RUN_STATE,
  nodeStatuses,
  runReducer,
  stepNodeStatus,
  type RunAction,
  type RunState,
} from "@/components/workflows/runs/run-state";
import type { ApprovalView, RunView, StepView } from "@/components/workflows/types";

const RUN: RunView = {
  id: "r1",
  workflowId: "w1",
  projectId: "p1",
  version: 1,
  status: "queued",
  trigger: "manual",
  input: {},
  output: null,
  error: null,
  actorId: "u1",
  rerunOf: null,
  stepCount: 0,
  tokens: 0,
  costUsd: 0,
  cancelRequested: false,
  createdAt: "2026-12-07T10:00:00.000Z",
  startedAt: null,
  finishedAt: null,
};

const step = (over: Partial<StepView> & Pick<StepView, "id" | "nodeId">): StepView => ({
  itemPath: "",
  nodeType: "transform",
  status: "succeeded",
  attempt: 1,
  input: null,
  output: null,
  branch: null,
  error: null,
  tokens: 0,
  costUsd: 0,
  reused: false,
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  ...over,
});

const APPROVAL: ApprovalView = {
  id: "a1",
  runId: "r1",
  projectId: "p1",
  nodeId: "ask",
  itemPath: "",
  role: "editor",
  prompt: "OK?",
  status: "pending",
  decidedBy: null,
  comment: "",
  expiresAt: null,
  createdAt: "2026-12-07T10:00:00.000Z",
  decidedAt: null,
};

const at = (s: number) => `2026-12-07T10:00:${String(s).padStart(2, "0")}.000Z`;
const ev = (id: number, type: string, data: Record<string, unknown>): RunAction => ({
  kind: "event",
  event: { id, type, data },
});
const play = (actions: RunAction[], from: RunState = EMPTY_RUN_STATE) =>
  actions.reduce(runReducer, from);
const snapshot = (
  over: Partial<RunView> = {},
  steps: StepView[] = [],
  approvals: ApprovalView[] = [],
) => ({ kind: "snapshot", run: { ...RUN, ...over }, steps, approvals }) as const;

describe("a watched run's state from its events", () => {
  it("follows a run from queued to succeeded through its step events", () => {
    const s = play([
      snapshot(),
      ev(1, "run_status", { status: "running", at: at(1) }),
      ev(2, "step_started", {
        stepId: "s1",
        nodeId: "trigger",
        itemPath: "",
        attempt: 1,
        at: at(1),
      }),
      ev(3, "step_finished", { stepId: "s1", status: "succeeded", durationMs: 4, at: at(2) }),
      ev(4, "step_started", { stepId: "s2", nodeId: "shape", itemPath: "", attempt: 1, at: at(2) }),
    ]);
    expect(s.run?.status).toBe("running");
    expect(s.run?.startedAt).toBe(at(1));
    expect(s.steps.map((x) => [x.nodeId, x.status, x.durationMs])).toEqual([
      ["trigger", "succeeded", 4],
      ["shape", "running", null],
    ]);
    expect(s.lastEventId).toBe(4);
    expect(s.ended).toBe(false);
    const done = play(
      [
        ev(5, "step_finished", {
          stepId: "s2",
          status: "failed",
          error: { code: "x", message: "boom" },
          at: at(3),
        }),
        ev(6, "run_status", { status: "failed", error: { code: "x", message: "boom" }, at: at(3) }),
      ],
      s,
    );
    expect(done.steps[1]).toMatchObject({ status: "failed", error: { message: "boom" } });
    expect(done.run).toMatchObject({ status: "failed", finishedAt: at(3), error: { code: "x" } });
    expect(done.ended).toBe(true);
  });

  it("applies each event once: a stream replayed from an older id changes nothing", () => {
    const once = play([
      snapshot({ status: "running" }),
      ev(1, "step_started", { stepId: "s1", nodeId: "a", attempt: 1, at: at(1) }),
      ev(2, "step_finished", { stepId: "s1", status: "succeeded", at: at(2) }),
    ]);
    const replayed = play([ev(1, "step_started", { stepId: "s1", nodeId: "a", attempt: 1 })], once);
    expect(replayed).toBe(once);
    expect(replayed.steps[0]!.status).toBe("succeeded");
  });

  it("lets a snapshot replace what the events guessed (outputs, tokens) but keep the last id", () => {
    const s = play([
      snapshot({ status: "running" }),
      ev(7, "step_started", { stepId: "s1", nodeId: "a", attempt: 1, at: at(1) }),
      snapshot({ status: "running", tokens: 12 }, [
        step({ id: "s1", nodeId: "a", output: { ok: 1 }, tokens: 12 }),
      ]),
    ]);
    expect(s.steps[0]).toMatchObject({ status: "succeeded", output: { ok: 1 }, tokens: 12 });
    expect(s.run?.tokens).toBe(12);
    expect(s.lastEventId).toBe(7);
  });

  it("marks waiting steps and decided approvals, and ends on the stream's end", () => {
    const s = play([
      snapshot(
        { status: "running" },
        [step({ id: "s1", nodeId: "ask", status: "running" })],
        [APPROVAL],
      ),
      ev(1, "step_waiting", { stepId: "s1", kind: "approval" }),
      ev(2, "run_status", { status: "waiting_approval" }),
    ]);
    expect(s.steps[0]!.status).toBe("waiting");
    expect(s.run?.status).toBe("waiting_approval");
    const decided = play(
      [
        ev(3, "approval_decided", { approvalId: "a1", nodeId: "ask", status: "approved" }),
        { kind: "end" },
      ],
      s,
    );
    expect(decided.approvals[0]!.status).toBe("approved");
    expect(decided).toMatchObject({ ended: true, live: "closed" });
  });

  it("ignores unknown events and events for steps it does not know to finish", () => {
    const s = play([
      snapshot(),
      ev(1, "something_new", { x: 1 }),
      ev(2, "step_finished", { stepId: "nope" }),
    ]);
    expect(s.steps).toEqual([]);
    expect(s.lastEventId).toBe(2);
  });

  it("keeps the read error until a snapshot arrives, and resets for another run", () => {
    const failed = play([{ kind: "error", message: "Run not found." }]);
    expect(failed.error).toBe("Run not found.");
    expect(play([snapshot()], failed).error).toBeNull();
    expect(
      play([snapshot(), ev(3, "run_status", { status: "running" }), { kind: "reset" }]),
    ).toEqual(EMPTY_RUN_STATE);
  });
});

describe("node statuses for the canvas", () => {
  it.each([
    ["running", "running"],
    ["waiting", "waiting"],
    ["succeeded", "succeeded"],
    ["failed", "failed"],
    ["skipped", "skipped"],
    ["interrupted", "failed"],
    ["cancelled", "cancelled"],
  ] as const)("step %s shows as %s", (engine, shown) => {
    expect(stepNodeStatus(engine)).toBe(shown);
  });

  it("shows the worst item of an iterate body, and queued for nodes without a step while running", () => {
    const steps = [
      step({ id: "1", nodeId: "t", status: "succeeded" }),
      step({ id: "2", nodeId: "body", itemPath: "loop[0]", status: "succeeded" }),
      step({ id: "3", nodeId: "body", itemPath: "loop[1]", status: "failed" }),
      step({ id: "4", nodeId: "body", itemPath: "loop[2]", status: "running" }),
      step({ id: "5", nodeId: "ask", status: "waiting" }),
    ];
    const running = { ...RUN, status: "running" as const };
    expect(nodeStatuses(running, steps, ["t", "body", "ask", "out"])).toEqual({
      t: "succeeded",
      body: "failed",
      ask: "waiting",
      out: "queued",
    });
  });

  it("leaves unreached nodes without a status once the run is over", () => {
    const over = { ...RUN, status: "cancelled" as const };
    expect(nodeStatuses(over, [step({ id: "1", nodeId: "t" })], ["t", "out"])).toEqual({
      t: "succeeded",
    });
    expect(nodeStatuses(null, [], ["t"])).toEqual({});
  });
});
