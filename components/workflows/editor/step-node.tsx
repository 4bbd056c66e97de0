"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NodeRunStatus } from "../types";
import type { FlowNode } from "./convert";
import { useEditor } from "./editor-context";
import { NODE_ICONS, inputsOf, outputsOf, titleOf } from "./node-catalog";
import { countRender } from "./render-probe";

const RUN_RING: Partial<Record<NodeRunStatus, string>> = {
  queued: "ring-2 ring-zinc-400",
  running: "ring-2 ring-blue-500 animate-pulse",
  succeeded: "ring-2 ring-emerald-500",
  failed: "ring-2 ring-red-500",
  waiting: "ring-2 ring-amber-500",
};
const RUN_ICON: Partial<Record<NodeRunStatus, string>> = {
  queued: "…",
  running: "●",
  succeeded: "✓",
  failed: "✕",
  waiting: "⏸",
  skipped: "–",
  cancelled: "⊘",
};
const RUN_TEXT: Partial<Record<NodeRunStatus, string>> = {
  queued: "text-zinc-500",
  running: "text-blue-600 dark:text-blue-400",
  succeeded: "text-emerald-600 dark:text-emerald-400",
  failed: "text-red-600 dark:text-red-400",
  waiting: "text-amber-600 dark:text-amber-400",
};

const HANDLE =
  "!size-3 !border-2 !border-white !bg-zinc-400 dark:!border-zinc-900 hover:!bg-indigo-500";

/** The one node component: title, handles from the type's definition, issues and run status. */
export const StepNode = memo(function StepNode({
  id,
  data,
  selected,
  isConnectable,
}: NodeProps<FlowNode>) {
  countRender(id);
  // Primitives per node: another node's issues or status never re-render this one.
  const issues = useEditor((s) => s.issueCount[id] ?? 0);
  const status = useEditor((s) => s.runStatuses[id]);
  const ins = inputsOf(data.type);
  const outs = outputsOf(data.type, data.config, data.extra?.onError);
  const ring =
    status && RUN_RING[status]
      ? RUN_RING[status]
      : issues
        ? "ring-2 ring-red-500/70"
        : selected
          ? "ring-2 ring-indigo-500"
          : "";
  const rows = Math.max(ins.length, outs.length);
  return (
    <div
      data-testid="workflow-node"
      data-node-id={id}
      data-issues={issues}
      data-status={status ?? ""}
      className={`w-[220px] rounded-lg border bg-white text-left text-xs shadow-sm dark:bg-zinc-900 ${selected ? "border-indigo-500" : "border-zinc-300 dark:border-zinc-700"} ${ring}`}
    >
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <span
          aria-hidden="true"
          className="flex size-6 shrink-0 items-center justify-center rounded bg-indigo-50 text-sm text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300"
        >
          {NODE_ICONS[data.type] ?? "?"}
        </span>
        <div className="min-w-0 flex-1">
          <div className="truncate font-medium text-zinc-900 dark:text-zinc-100">
            {data.label || titleOf(data.type)}
          </div>
          <div className="truncate font-mono text-[10px] text-zinc-500 dark:text-zinc-400">
            {id} · {titleOf(data.type)}
          </div>
        </div>
        {status && RUN_ICON[status] && (
          <span
            className={`text-sm ${RUN_TEXT[status] ?? "text-zinc-500"}`}
            title={`Run: ${status}`}
          >
            <span aria-hidden="true">{RUN_ICON[status]}</span>
            <span className="sr-only">Run status: {status}</span>
          </span>
        )}
        {issues > 0 && (
          <span
            data-testid="node-issue-badge"
            title={`${issues} problem${issues === 1 ? "" : "s"}`}
            className="rounded-full bg-red-600 px-1.5 py-0.5 text-[10px] font-semibold text-white"
          >
            {issues}
            <span className="sr-only"> problem{issues === 1 ? "" : "s"}</span>
          </span>
        )}
      </div>
      <div className="py-1.5">
        {Array.from({ length: rows }, (_, i) => {
          const input = ins[i];
          const output = outs[i];
          return (
            <div key={i} className="relative flex h-6 items-center justify-between gap-2 px-3">
              {input ? (
                <>
                  <Handle
                    type="target"
                    position={Position.Left}
                    id={input.id}
                    isConnectable={isConnectable}
                    className={HANDLE}
                    aria-label={`${id} input ${input.label}`}
                  />
                  <span className="text-zinc-500 dark:text-zinc-400">{input.label}</span>
                </>
              ) : (
                <span />
              )}
              {output && (
                <>
                  <span
                    className={
                      output.kind === "each"
                        ? "font-medium text-indigo-600 dark:text-indigo-400"
                        : "text-zinc-600 dark:text-zinc-300"
                    }
                  >
                    {output.label}
                  </span>
                  <Handle
                    type="source"
                    position={Position.Right}
                    id={output.id}
                    isConnectable={isConnectable}
                    className={`${HANDLE} ${output.id === "error" ? "!bg-red-400" : ""}`}
                    aria-label={`${id} output ${output.label}`}
                  />
                </>
              )}
            </div>
          );
        })}
        {rows === 0 && <div className="px-3 text-zinc-400">No connections</div>}
      </div>
    </div>
  );
});
