import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { Services } from "@/lib/services";
import { createWorkflow, getWorkflow, updateWorkflow } from "@/lib/workflows";
import { canonicalJson } from "@/lib/workflows/diff";
import { projectTeam } from "./team";
import { inlineWorkflows } from "./workflows";

// Two versions of one workflow and what the version tests do with them.

/** A graph's hash as publishing computes it: SHA-256 of its canonical JSON. */
export const sha256 = (graph: unknown) =>
  createHash("sha256").update(canonicalJson(graph)).digest("hex");
/** The same value with every object's keys in reverse order. */
export const reversedKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(reversedKeys)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reversedKeys(x)]),
        )
      : v;
const trigger = {
  id: "trigger",
  type: "trigger",
  position: { x: 0, y: 0 },
  config: { inputs: [] },
};
const edge = (id: string, source: string, target: string, sourceHandle?: string) => ({
  id,
  source,
  target,
  ...(sourceHandle && { sourceHandle }),
});

/** v1: a run waits for a review, then answers "v1"; a note hangs off the trigger. */
export const V1 = {
  nodes: [
    trigger,
    {
      id: "review",
      type: "approval",
      position: { x: 0, y: 100 },
      config: { role: "editor", prompt: "Go on?" },
    },
    { id: "out", type: "output", position: { x: 0, y: 200 }, config: { expression: '"v1"' } },
    {
      id: "note",
      type: "transform",
      position: { x: 200, y: 100 },
      config: { expression: '"old"' },
    },
  ],
  edges: [
    edge("e1", "trigger", "review"),
    edge("e2", "review", "out", "approved"),
    edge("e3", "trigger", "note"),
  ],
};
/** v2: "note" removed, "extra" added, out answers "v2", the review asks otherwise and moved. */
export const V2 = {
  nodes: [
    trigger,
    {
      id: "review",
      type: "approval",
      position: { x: 40, y: 100 },
      config: { role: "editor", prompt: "Ship v2?" },
    },
    { id: "out", type: "output", position: { x: 0, y: 200 }, config: { expression: '"v2"' } },
    {
      id: "extra",
      type: "transform",
      position: { x: 200, y: 100 },
      config: { expression: '"new"' },
    },
  ],
  edges: [
    edge("e1", "trigger", "review"),
    edge("e2", "review", "out", "approved"),
    edge("e4", "trigger", "extra"),
  ],
};

/** A team's owner made a workflow of V1 (not yet published); its contexts run workflows inline. */
export async function versionedWorkflow(db: Db, services: Services) {
  const team = await projectTeam(db, "Versions");
  const flows = inlineWorkflows(services, db);
  const owner = flows.with(team.owner);
  const editor = flows.with(team.editor);
  const { workflow } = await createWorkflow({
    ctx: owner,
    input: { projectId: team.project.id, name: "Versioned", graph: V1 },
  });
  return { team, owner, editor, workflowId: workflow.id };
}

/** Saves `graph` as the draft on top of the current revision; returns the new revision. */
export async function save(ctx: Ctx, workflowId: string, graph: unknown) {
  const { workflow } = await getWorkflow({ ctx, input: { workflowId } });
  const saved = await updateWorkflow({
    ctx,
    input: { workflowId, revision: workflow.revision, graph },
  });
  return saved.workflow.revision;
}

/** The audit rows about a workflow, in the order they were written. */
export const audits = (db: Db, workflowId: string) =>
  db
    .select({ action: auditLog.action, actorId: auditLog.actorId, metadata: auditLog.metadata })
    .from(auditLog)
    .where(eq(auditLog.targetId, workflowId))
    .orderBy(asc(auditLog.id));
