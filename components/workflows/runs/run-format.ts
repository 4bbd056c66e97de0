import type { NodeRunStatus, RunView } from "../types";

// How runs and steps read in lists and panels; pure, so the page and the panel agree (and tests).

type RunStatus = RunView["status"];

/** Every run status with its words (typed against RunView, so a new status fails to compile). */
export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  waiting_approval: "Waiting for approval",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};
export const RUN_STATUS_OPTIONS = Object.keys(RUN_STATUS_LABELS) as RunStatus[];
export const isRunStatus = (s: unknown): s is RunStatus =>
  typeof s === "string" && s in RUN_STATUS_LABELS;

export type Tone = "neutral" | "success" | "danger" | "info";

const NODE_TONES: Record<NodeRunStatus, Tone> = {
  queued: "neutral",
  running: "info",
  waiting: "info",
  succeeded: "success",
  failed: "danger",
  skipped: "neutral",
  cancelled: "neutral",
};
export const NODE_STATUS_LABELS: Record<NodeRunStatus, string> = {
  queued: "Queued",
  running: "Running",
  waiting: "Waiting",
  succeeded: "Succeeded",
  failed: "Failed",
  skipped: "Skipped",
  cancelled: "Cancelled",
};

export function runTone(status: RunStatus): Tone {
  if (status === "succeeded") return "success";
  if (status === "failed") return "danger";
  if (status === "running" || status === "waiting_approval") return "info";
  return "neutral";
}
export const nodeTone = (status: NodeRunStatus): Tone => NODE_TONES[status];

/** 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** A run's duration: start to finish, or to `now` while it is still going. */
export function runDurationMs(
  run: Pick<RunView, "startedAt" | "finishedAt" | "createdAt">,
  now: number,
): number | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return Math.max(0, end - Date.parse(run.startedAt));
}

/** $0.0042, $1.25; no cost as "—" (most steps cost nothing). */
export function formatCost(usd: number): string {
  if (!usd) return "—";
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(2)}`;
}

export const formatTokens = (n: number) => (n ? n.toLocaleString("en-US") : "—");

/** "2026-12-07 15:30:12 UTC": one unambiguous form on the server and in the browser. */
export function formatTime(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export const TRIGGER_LABELS: Record<RunView["trigger"], string> = {
  manual: "By hand",
  webhook: "Webhook",
  schedule: "Schedule",
  rerun: "Re-run",
};

export const versionLabel = (version: number | null) => (version ? `v${version}` : "Draft");

/** A value as indented JSON, and whether it had to be cut at `limit` characters. */
export function prettyJson(value: unknown, limit: number): { text: string; cut: boolean } {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? "null";
  } catch {
    text = String(value);
  }
  return text.length > limit
    ? { text: `${text.slice(0, limit)}\n…`, cut: true }
    : { text, cut: false };
}
