"use client";

import { useEffect, useState } from "react";
import type { RunView } from "../types";
import {
  formatCost,
  formatDuration,
  formatTime,
  formatTokens,
  runDurationMs,
  TRIGGER_LABELS,
  versionLabel,
} from "./run-format";
import { isRunActive } from "./run-state";

/** The run's facts: version, trigger, start, duration (ticking while it runs), tokens, cost. */
export function RunSummary({ run }: { run: RunView }) {
  const active = isRunActive(run.status);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  const facts: [string, string][] = [
    ["Version", versionLabel(run.version)],
    ["Trigger", TRIGGER_LABELS[run.trigger] ?? run.trigger],
    ["Started", formatTime(run.startedAt ?? run.createdAt)],
    ["Duration", formatDuration(runDurationMs(run, now))],
    ["Tokens", formatTokens(run.tokens)],
    ["Cost", formatCost(run.costUsd)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
      {facts.map(([k, v]) => (
        <div key={k} className="min-w-0">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{k}</dt>
          <dd className="break-words tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
