"use client";

import type { EditorNodeData, GraphIssue, UpstreamVar } from "../types";

export interface NodeConfigFormProps {
  node: EditorNodeData;
  /** The variables this node may read (upstream outputs), for template autocompletion. */
  upstream: UpstreamVar[];
  /** This node's problems (GraphIssue.field is "config.<path>" for config fields). */
  issues: GraphIssue[];
  readOnly: boolean;
  /** Called with the whole new config on every edit (the editor saves and re-validates). */
  onChange: (config: Record<string, unknown>) => void;
}

/** PLACEHOLDER (replaced by the schema-generated form): the config as JSON. */
export function NodeConfigForm({ node, readOnly, onChange }: NodeConfigFormProps) {
  return (
    <textarea
      aria-label="Config (JSON)"
      readOnly={readOnly}
      defaultValue={JSON.stringify(node.config, null, 2)}
      onBlur={(e) => {
        try {
          onChange(JSON.parse(e.target.value) as Record<string, unknown>);
        } catch {
          /* placeholder */
        }
      }}
      className="h-48 w-full rounded border border-zinc-300 p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
    />
  );
}
