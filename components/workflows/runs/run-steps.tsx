"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { StepView } from "../types";
import { JsonView } from "./json-view";
import {
  formatCost,
  formatDuration,
  formatTokens,
  NODE_STATUS_LABELS,
  nodeTone,
} from "./run-format";
import { stepNodeStatus } from "./run-state";

export interface RunStepsProps {
  steps: StepView[];
  labels: Record<string, string>;
  /** Re-run from a step is offered (the run is over and the caller may run the workflow). */
  canRerun: boolean;
  /** The node whose re-run is being started (its button is busy). */
  rerunning: string | null;
  onSelectNode: (nodeId: string) => void;
  onRerun: (nodeId: string) => void;
}

/** The run's steps in the order they started; a step opens to its input and output. */
export function RunSteps({
  steps,
  labels,
  canRerun,
  rerunning,
  onSelectNode,
  onRerun,
}: RunStepsProps) {
  const [open, setOpen] = useState<Record<string, boolean>>({});
  return (
    <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Steps">
      {steps.map((s) => {
        const expanded = !!open[s.id];
        const status = stepNodeStatus(s.status);
        const label = labels[s.nodeId] ?? s.nodeId;
        const panel = `step-${s.id}`;
        return (
          <li key={s.id} className="py-2" data-testid="run-step" data-node-id={s.nodeId}>
            <button
              type="button"
              aria-expanded={expanded}
              aria-controls={panel}
              onClick={() => {
                setOpen((o) => ({ ...o, [s.id]: !expanded }));
                onSelectNode(s.nodeId);
              }}
              className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 rounded-lg px-2 py-1.5 text-left outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-zinc-800/60"
            >
              <span
                aria-hidden="true"
                className={`text-xs text-zinc-400 transition ${expanded ? "rotate-90" : ""}`}
              >
                ▶
              </span>
              <span className="min-w-0 flex-1 truncate text-sm font-medium">
                {label}
                {s.itemPath && (
                  <span className="ml-1 font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">
                    {s.itemPath}
                  </span>
                )}
              </span>
              <Badge tone={nodeTone(status)}>{NODE_STATUS_LABELS[status]}</Badge>
              <span className="flex gap-3 text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
                <span>
                  <span className="sr-only">Duration </span>
                  {formatDuration(s.durationMs)}
                </span>
                {/* Most steps use no tokens and cost nothing: shown only when they do. */}
                {s.tokens > 0 && <span>{formatTokens(s.tokens)} tokens</span>}
                {s.costUsd > 0 && (
                  <span>
                    <span className="sr-only">Cost </span>
                    {formatCost(s.costUsd)}
                  </span>
                )}
              </span>
            </button>
            {(s.error || s.reused || s.attempt > 1) && (
              <p className="mt-1 px-2 pl-7 text-xs text-zinc-600 dark:text-zinc-400">
                {s.reused && <span className="mr-2">Output reused from the earlier run.</span>}
                {s.attempt > 1 && <span className="mr-2">Attempt {s.attempt}.</span>}
                {s.error && (
                  <span className="text-red-700 dark:text-red-400">
                    {s.error.code}: {s.error.message}
                  </span>
                )}
              </p>
            )}
            {expanded && (
              <div id={panel} className="mt-2 space-y-2 pl-7 pr-2">
                <JsonView title="Input" value={s.input} defaultOpen={false} />
                <JsonView title="Output" value={s.output} />
                {s.branch && s.branch !== "out" && (
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    Took the <span className="font-mono">{s.branch}</span> branch.
                  </p>
                )}
                {canRerun && (
                  <Button
                    size="sm"
                    variant="secondary"
                    busy={rerunning === s.nodeId}
                    disabled={!!rerunning}
                    onClick={() => onRerun(s.nodeId)}
                  >
                    Re-run from here
                  </Button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
