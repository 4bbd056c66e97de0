import type { GraphIssue } from "@/lib/workflows/validate";

/**
 * What the create and import forms show after a refused submit, the same with and without
 * JavaScript (both are server actions): a message per field, the file's problems as a list, the
 * graph's issues per node and edge, and the values to keep.
 */
export interface WorkflowFormState {
  error?: string;
  fields?: Record<string, string>;
  /** Problems of an import file's shape ("version: must be 1"). */
  fileProblems?: string[];
  /** Problems of an import file's graph, as validateGraph placed them. */
  issues?: GraphIssue[];
  values?: Record<string, string>;
}

interface Refusal {
  status: number;
  message: string;
  details?: { fields?: { field: string; message: string }[]; issues?: unknown };
}

/** A service's refusal (an AppError's status, message and details) as form state. */
export function refusalState(
  e: Refusal,
  labels: Record<string, string>,
  values: Record<string, string>,
): WorkflowFormState {
  const state: WorkflowFormState = { values, fields: {} };
  const fields = state.fields!;
  if (e.status === 404) fields.projectId = "Choose one of your projects.";
  else if (e.status === 403) fields.projectId = e.message;
  else if (e.status === 409 && /named/.test(e.message)) fields.name = e.message;
  else if (Array.isArray(e.details?.issues)) {
    state.issues = e.details.issues as GraphIssue[];
    state.error = e.message;
  } else {
    for (const { field, message } of e.details?.fields ?? []) {
      const [key, ...rest] = field.split(".");
      if (key === "file" && labels.file) {
        state.fileProblems = [
          ...(state.fileProblems ?? []),
          rest.length ? `${rest.join(".")}: ${message}` : message,
        ];
        fields.file ??= `${labels.file} cannot be imported.`;
      } else if (key && labels[key] && !fields[key]) fields[key] = `${labels[key]} ${message}.`;
    }
    if (!Object.keys(fields).length) state.error = e.message;
  }
  return state;
}

/** Where an issue sits, in words: "Node calc · config.expression", "Edge e2", "The graph". */
export function issuePlace(i: GraphIssue): string {
  const where = i.nodeId ? `Node “${i.nodeId}”` : i.edgeId ? `Edge “${i.edgeId}”` : "The graph";
  const edge = i.nodeId && i.edgeId ? ` (edge “${i.edgeId}”)` : "";
  return `${where}${edge}${i.field ? ` · ${i.field}` : ""}`;
}
