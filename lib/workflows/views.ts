import type {
  WorkflowRow,
  WorkflowRunRow,
  WorkflowStepRow,
  WorkflowVersionRow,
  WorkflowApprovalRow,
} from "@/db/schema";
import { validateGraph, type GraphIssue } from "./validate";

export { RECENT_RUNS } from "./constants";

export interface WorkflowView {
  id: string;
  projectId: string;
  name: string;
  description: string;
  draft: { nodes: unknown[]; edges: unknown[] };
  revision: number;
  publishedVersion: number | null;
  runRole: WorkflowRow["runRole"];
  triggers: WorkflowRow["triggers"];
  webhook: { url: string; hasSecret: boolean };
  /** Problems of the draft (publishing needs none). */
  issues: GraphIssue[];
  createdAt: string;
  updatedAt: string;
}

export function toWorkflowView(w: WorkflowRow): WorkflowView {
  return {
    id: w.id,
    projectId: w.projectId,
    name: w.name,
    description: w.description,
    draft: w.draft,
    revision: w.draftRevision,
    publishedVersion: w.publishedVersion,
    runRole: w.runRole,
    triggers: w.triggers,
    webhook: { url: `/api/workflows/${w.id}/webhook`, hasSecret: !!w.webhookSecret },
    issues: validateGraph(w.draft).issues,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

/** A row of the workflows list: the workflow, where it lives, and how its runs have gone lately. */
export interface WorkflowListItem extends WorkflowView {
  project: { id: string; name: string; archived: boolean };
  /** The caller's role in the project. */
  role: WorkflowRow["runRole"];
  /** Editors and owners of an active project may change it. */
  canEdit: boolean;
  /** The newest run (test runs of the draft included), or null before the first. */
  lastRun: { id: string; status: WorkflowRunRow["status"]; createdAt: string } | null;
  /** Failed runs among the last RECENT_RUNS. */
  recentFailures: number;
}

export function toWorkflowListItem(r: {
  workflow: WorkflowRow;
  project: { id: string; name: string; archivedAt: Date | null };
  role: WorkflowRow["runRole"];
  lastRun: { id: string; status: string; createdAt: string } | null;
  recentFailures: number;
}): WorkflowListItem {
  return {
    ...toWorkflowView(r.workflow),
    project: { id: r.project.id, name: r.project.name, archived: !!r.project.archivedAt },
    role: r.role,
    canEdit: r.role !== "viewer" && !r.project.archivedAt,
    lastRun: r.lastRun && {
      id: r.lastRun.id,
      status: r.lastRun.status as WorkflowRunRow["status"],
      createdAt: new Date(r.lastRun.createdAt).toISOString(),
    },
    recentFailures: r.recentFailures,
  };
}

export const toVersionSummary = (v: WorkflowVersionRow) => ({
  number: v.number,
  message: v.message,
  graphHash: v.graphHash,
  authorId: v.authorId,
  createdAt: v.createdAt.toISOString(),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const toRunView = (r: WorkflowRunRow) => ({
  id: r.id,
  workflowId: r.workflowId,
  projectId: r.projectId,
  version: r.versionNumber,
  status: r.status,
  trigger: r.trigger,
  input: r.input,
  output: r.output ?? null,
  error: r.error ?? null,
  actorId: r.actorId,
  rerunOf: r.rerunOf,
  stepCount: r.stepCount,
  tokens: r.tokens,
  costUsd: Number(r.costUsd),
  cancelRequested: r.cancelRequested,
  createdAt: r.createdAt.toISOString(),
  startedAt: iso(r.startedAt),
  finishedAt: iso(r.finishedAt),
});
export type RunView = ReturnType<typeof toRunView>;

export const toStepView = (s: WorkflowStepRow) => ({
  id: s.id,
  nodeId: s.nodeId,
  itemPath: s.itemPath,
  nodeType: s.nodeType,
  status: s.status,
  attempt: s.attempt,
  input: s.input ?? null,
  output: s.output ?? null,
  branch: s.branch,
  error: s.error ?? null,
  tokens: s.tokens,
  costUsd: Number(s.costUsd),
  reused: s.reused,
  startedAt: iso(s.startedAt),
  finishedAt: iso(s.finishedAt),
  durationMs: s.durationMs,
});

export const toApprovalView = (a: WorkflowApprovalRow) => ({
  id: a.id,
  runId: a.runId,
  projectId: a.projectId,
  nodeId: a.nodeId,
  itemPath: a.itemPath,
  role: a.role,
  prompt: a.prompt,
  status: a.status,
  decidedBy: a.decidedBy,
  comment: a.comment,
  expiresAt: iso(a.expiresAt),
  createdAt: a.createdAt.toISOString(),
  decidedAt: iso(a.decidedAt),
});
