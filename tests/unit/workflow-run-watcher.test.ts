import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunAction } from "@/components/workflows/runs/run-state";
import {
  REFRESH_DELAY_MS,
  watchRun,
  type RunSnapshot,
  type StreamLike,
} from "@/components/workflows/runs/run-watcher";
import type { RunView } from "@/components/workflows/types";

class FakeStream implements StreamLike {
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  listeners = new Map<string, (e: MessageEvent<string>) => void>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, id: number | null, data: object) {
    const e = { lastEventId: id === null ? "" : String(id), data: JSON.stringify(data) };
    this.listeners.get(type)!(e as MessageEvent<string>);
  }
}

const snap = (status: RunView["status"]): RunSnapshot => ({
  run: { id: "r1", status } as RunView,
  steps: [],
  approvals: [],
});

function setup(statuses: RunView["status"][]) {
  const streams: FakeStream[] = [];
  const actions: RunAction[] = [];
  const reads = [...statuses];
  const fetchRun = vi.fn(async () => snap(reads.length > 1 ? reads.shift()! : reads[0]!));
  const w = watchRun({
    runId: "r1",
    fetchRun,
    openStream: (url) => {
      const s = new FakeStream(url);
      streams.push(s);
      return s;
    },
    dispatch: (a) => actions.push(a),
    onError: () => {},
  });
  return { w, streams, actions, fetchRun };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("watching a run", () => {
  it("reads the run, then opens its stream from the start", async () => {
    const { streams, actions } = setup(["running"]);
    await vi.runAllTimersAsync();
    expect(actions[0]).toMatchObject({ kind: "snapshot", run: { status: "running" } });
    expect(streams.map((s) => s.url)).toEqual(["/api/workflow-runs/r1/events?after=0"]);
  });

  it("opens no stream for a run that is already over", async () => {
    const { streams, actions } = setup(["succeeded"]);
    await vi.runAllTimersAsync();
    expect(streams).toEqual([]);
    expect(actions.at(-1)).toEqual({ kind: "live", live: "closed" });
  });

  it("reconnects after the last event id seen, not the first URL's, once the run was read again", async () => {
    const { streams, fetchRun, actions } = setup(["running"]);
    await vi.runAllTimersAsync();
    streams[0]!.emit("step_started", 5, { stepId: "s1", nodeId: "a" });
    streams[0]!.emit("step_started", 9, { stepId: "s2", nodeId: "b" });
    streams[0]!.onerror!(new Event("error"));
    expect(streams[0]!.closed).toBe(true);
    expect(actions.at(-1)).toEqual({ kind: "live", live: "reconnecting" });
    const reads = fetchRun.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchRun.mock.calls.length).toBe(reads + 1);
    expect(streams[1]!.url).toBe("/api/workflow-runs/r1/events?after=9");
    // A second failure waits longer (backoff), and still resumes after the last id.
    streams[1]!.emit("step_finished", 12, { stepId: "s2", status: "succeeded" });
    streams[1]!.onerror!(new Event("error"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(streams).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(streams[2]!.url).toBe("/api/workflow-runs/r1/events?after=12");
  });

  it("stops, without reopening, when the read after a drop is refused (signed out, run gone)", async () => {
    const { streams, actions, fetchRun } = setup(["running"]);
    await vi.runAllTimersAsync();
    fetchRun.mockRejectedValue(Object.assign(new Error("Not found"), { status: 404 }));
    streams[0]!.onerror!(new Event("error"));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(streams).toHaveLength(1);
    expect(fetchRun).toHaveBeenCalledTimes(2);
    expect(actions.at(-1)).toEqual({ kind: "live", live: "closed" });
  });

  it("keeps reconnecting while the read fails for want of the server (no status)", async () => {
    const { streams, fetchRun } = setup(["running"]);
    await vi.runAllTimersAsync();
    fetchRun.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    streams[0]!.onerror!(new Event("error"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(streams).toHaveLength(2);
  });

  it("does not reopen when the run ended while the stream was down", async () => {
    const { streams, actions } = setup(["running", "failed"]);
    await vi.runAllTimersAsync();
    streams[0]!.onerror!(new Event("error"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(streams).toHaveLength(1);
    expect(actions.at(-1)).toEqual({ kind: "live", live: "closed" });
  });

  it("reads the run again after events that change outputs, and once more at the end", async () => {
    const { streams, fetchRun, actions } = setup(["running"]);
    await vi.runAllTimersAsync();
    const before = fetchRun.mock.calls.length;
    streams[0]!.emit("step_started", 1, { stepId: "s1" });
    await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS);
    expect(fetchRun.mock.calls.length).toBe(before);
    streams[0]!.emit("step_finished", 2, { stepId: "s1", status: "succeeded" });
    streams[0]!.emit("run_status", 3, { status: "succeeded" });
    await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS);
    expect(fetchRun.mock.calls.length).toBe(before + 1); // the two events, one read
    streams[0]!.emit("end", null, { status: "succeeded" });
    expect(streams[0]!.closed).toBe(true);
    await vi.runAllTimersAsync();
    expect(fetchRun.mock.calls.length).toBe(before + 2);
    expect(actions.filter((a) => a.kind === "end")).toHaveLength(1);
    expect(streams).toHaveLength(1);
  });

  it("stops: the stream is closed and nothing more is dispatched", async () => {
    const { w, streams, actions } = setup(["running"]);
    await vi.runAllTimersAsync();
    w.stop();
    expect(streams[0]!.closed).toBe(true);
    const n = actions.length;
    streams[0]!.emit("run_status", 4, { status: "failed" });
    streams[0]!.onerror!(new Event("error"));
    await vi.runAllTimersAsync();
    expect(actions).toHaveLength(n);
    expect(streams).toHaveLength(1);
  });
});
