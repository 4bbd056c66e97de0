"use client";

import { useId, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import type { EditorNodeData, GraphIssue, UpstreamVar } from "../types";
import { ObjectFields } from "./collection-fields";
import { FormContext, type FormContextValue } from "./form-context";
import { collectProblems } from "./form-state";
import { nodeSchema } from "./node-schemas";

export interface NodeConfigFormProps {
  node: EditorNodeData;
  /** The variables this node may read (upstream outputs), for template autocompletion. */
  upstream: UpstreamVar[];
  /** This node's problems (GraphIssue.field is "config.<path>" for config fields). */
  issues: GraphIssue[];
  readOnly: boolean;
  /** Called with the whole new config on every edit (the editor saves and re-validates). */
  onChange: (config: Record<string, unknown>) => void;
  /** Prefix of the controls' ids (unique per form on a page); React's useId unless given. */
  idPrefix?: string;
}

/**
 * A node's config as a form generated from its type's zod schema (describe-schema.ts), checked
 * against that schema as you type; each problem is shown next to its field, the rest on top.
 */
export function NodeConfigForm({
  node,
  upstream,
  issues,
  readOnly,
  onChange,
  idPrefix,
}: NodeConfigFormProps) {
  const reactId = useId();
  const prefix = idPrefix ?? `cfg${reactId.replace(/[^A-Za-z0-9_-]/g, "")}`;
  const spec = nodeSchema(node.type);
  // The config as last edited here, until the editor hands back a new one (or another node).
  const [draft, setDraft] = useState({ source: node.config, config: node.config });
  if (draft.source !== node.config) setDraft({ source: node.config, config: node.config });
  const config = draft.config;

  const problems = useMemo(
    () => (spec ? collectProblems(spec.schema, spec.root, config, issues) : null),
    [spec, config, issues],
  );
  const ctx: FormContextValue = useMemo(
    () => ({ idPrefix: prefix, readOnly, upstream, problems: problems?.fields ?? new Map() }),
    [prefix, readOnly, upstream, problems],
  );

  if (!spec || spec.root.kind !== "object")
    return (
      <Alert>{`This node's type "${node.type}" is unknown, so its config cannot be edited.`}</Alert>
    );

  const edit = (next: unknown) => {
    const c = next as Record<string, unknown>;
    setDraft({ source: node.config, config: c });
    onChange(c);
  };
  const top = problems?.top ?? [];
  return (
    <FormContext.Provider value={ctx}>
      <div className="@container space-y-4" data-node-type={node.type}>
        {top.length > 0 && (
          <Alert>
            {top.length === 1 ? (
              top[0]
            ) : (
              <ul className="list-disc space-y-1 pl-4">
                {top.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {spec.root.fields.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">This node has no settings.</p>
        ) : (
          <ObjectFields fields={spec.root.fields} path="" value={config} onChange={edit} />
        )}
      </div>
    </FormContext.Provider>
  );
}
