import type { GraphIssue } from "@/lib/workflows/validate";
import type { RunView, WorkflowView } from "@/lib/workflows/views";
import type { toApprovalView, toStepView } from "@/lib/workflows/views";

// The client's view of the workflow API (the shapes lib/workflows/views.ts returns as JSON).
export type { GraphIssue, RunView, WorkflowView };
export type StepView = ReturnType<typeof toStepView>;
export type ApprovalView = ReturnType<typeof toApprovalView>;
export type ProjectRole = "owner" | "editor" | "viewer";

/** What a node shows on the canvas while a run is watched (from the run's event stream). */
export type NodeRunStatus =
  "queued" | "running" | "succeeded" | "failed" | "waiting" | "skipped" | "cancelled";

/** A variable a node's templates and expressions may read: an upstream node's output. */
export interface UpstreamVar {
  /** The name used in expressions (`fetch`, or `item`/`index` inside an iterate body). */
  name: string;
  /** The node's type and label, for the suggestion list. */
  type: string;
  label: string;
  /** Known fields of its output (e.g. `status`, `body` for http), for `name.field` suggestions. */
  fields: string[];
}

/** A node as the editor holds it: the graph's node (type, config) plus canvas data. */
export interface EditorNodeData {
  id: string;
  type: string;
  label?: string;
  config: Record<string, unknown>;
}
