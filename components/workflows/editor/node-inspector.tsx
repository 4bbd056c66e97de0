"use client";

import { useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { NodeConfigForm } from "../config-form/node-config-form";
import { useEditor, useEditorStoreApi } from "./editor-context";
import { NODE_ICONS, titleOf } from "./node-catalog";
import { upstreamVars } from "./upstream";

const INPUT =
  "w-full rounded-lg border border-zinc-300 bg-white px-2.5 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 read-only:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:read-only:bg-zinc-800/50";

/** The selected node: its id and label, its config form and its problems. */
export function NodeInspector({ nodeId }: { nodeId: string }) {
  const { node, readOnly, updateConfig, setLabel } = useEditor(
    useShallow((s) => ({
      node: s.nodes.find((n) => n.id === nodeId),
      readOnly: s.readOnly,
      updateConfig: s.updateConfig,
      setLabel: s.setLabel,
    })),
  );
  const issues = useEditor(useShallow((s) => s.issues.filter((i) => i.nodeId === nodeId)));
  // Upstream depends on edges and node ids/types/labels, not on positions: a string key keeps a
  // drag from recomputing it.
  const edges = useEditor((s) => s.edges);
  const nodesKey = useEditor((s) =>
    s.nodes.map((n) => `${n.id}:${n.data.type}:${n.data.label ?? ""}`).join("|"),
  );
  const api = useEditorStoreApi();
  const upstream = useMemo(
    () => (nodesKey ? upstreamVars(api.getState().nodes, edges, nodeId) : []),
    [api, edges, nodeId, nodesKey],
  );
  if (!node) return null;
  const data = node.data;
  return (
    <section aria-label={`Step ${nodeId}`} className="flex flex-col gap-3">
      <header className="flex items-center gap-2">
        <span
          aria-hidden="true"
          className="flex size-7 items-center justify-center rounded bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300"
        >
          {NODE_ICONS[data.type]}
        </span>
        <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          {titleOf(data.type)}
        </h2>
      </header>
      <IdField key={nodeId} nodeId={nodeId} readOnly={readOnly} />
      <div>
        <label
          htmlFor="node-label"
          className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400"
        >
          Label
        </label>
        <input
          id="node-label"
          key={`label-${nodeId}`}
          className={INPUT}
          readOnly={readOnly}
          defaultValue={data.label ?? ""}
          placeholder={titleOf(data.type)}
          onBlur={(e) => e.target.value !== (data.label ?? "") && setLabel(nodeId, e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
        />
      </div>
      <NodeConfigForm
        key={`form-${nodeId}`}
        node={data}
        upstream={upstream}
        issues={issues}
        readOnly={readOnly}
        onChange={(config) => updateConfig(nodeId, config)}
      />
      {issues.length > 0 && (
        <ul
          aria-label="Problems of this step"
          className="flex flex-col gap-1"
          data-testid="node-issues"
        >
          {issues.map((i, k) => (
            <li
              key={k}
              className="rounded-lg bg-red-50 px-2 py-1.5 text-xs text-red-800 dark:bg-red-500/10 dark:text-red-300"
            >
              {i.field && <span className="font-mono">{i.field.replace(/^config\./, "")}: </span>}
              {i.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function IdField({ nodeId, readOnly }: { nodeId: string; readOnly: boolean }) {
  const renameNode = useEditor((s) => s.renameNode);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <label
        htmlFor="node-id"
        className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400"
      >
        ID <span className="font-normal">(other steps read its output as {nodeId}.field)</span>
      </label>
      <input
        id="node-id"
        className={`${INPUT} font-mono`}
        readOnly={readOnly}
        defaultValue={nodeId}
        aria-invalid={!!error}
        aria-describedby={error ? "node-id-error" : undefined}
        onBlur={(e) => setError(renameNode(nodeId, e.target.value.trim()))}
        onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
      />
      {error && (
        <p id="node-id-error" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
