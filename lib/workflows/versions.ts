import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { users, workflows, workflowVersions, type StoredGraph } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { notFound } from "../errors";
import type { Db } from "@/db/client";
import { getWorkflowForActor } from "./access";
import { diffGraphs, type DiffGraph } from "./diff";
import { DiffInput, VersionRef, WorkflowRef } from "./schemas";
import { toVersionSummary, toWorkflowView } from "./views";

async function versionOf(db: Db, workflowId: string, number: number) {
  const [v] = await db
    .select()
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.number, number)));
  if (!v) throw notFound("Version");
  return v;
}

/** The published versions, newest first (any project member), each with its author's name. */
export async function listVersions({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { workflowId } = WorkflowRef.parse(input);
  const { workflow } = await getWorkflowForActor({ db: ctx.db, id: workflowId, actor });
  const rows = await ctx.db
    .select({ v: workflowVersions, email: users.email, name: users.name })
    .from(workflowVersions)
    .leftJoin(users, eq(users.id, workflowVersions.authorId))
    .where(eq(workflowVersions.workflowId, workflow.id))
    .orderBy(desc(workflowVersions.number));
  const versions = rows.map(({ v, email, name }) => ({
    ...toVersionSummary(v),
    // null once the author's account is deleted (authorId is set null with it).
    author: email === null ? null : { email, name: name ?? "" },
  }));
  return { versions, published: workflow.publishedVersion };
}

/** One version with its graph. */
export async function getVersion({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { workflowId, number } = VersionRef.parse(input);
  const { workflow } = await getWorkflowForActor({ db: ctx.db, id: workflowId, actor });
  const v = await versionOf(ctx.db, workflow.id, number);
  return { version: { ...toVersionSummary(v), graph: v.graph } };
}

/** What changed between two versions (0 stands for the current draft): nodes, edges, fields. */
export async function diffVersions({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { workflowId, from, to } = DiffInput.parse(input);
  const { workflow } = await getWorkflowForActor({ db: ctx.db, id: workflowId, actor });
  const graphOf = async (n: number): Promise<StoredGraph> =>
    n === 0 ? workflow.draft : (await versionOf(ctx.db, workflow.id, n)).graph;
  const diff = diffGraphs(
    (await graphOf(from)) as unknown as DiffGraph,
    (await graphOf(to)) as unknown as DiffGraph,
  );
  return { from, to, diff };
}

/** Copies a version into the draft (editors and owners); the next publish makes it current. Audited. */
export async function restoreVersion({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "write" });
  const { workflowId, number } = VersionRef.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { workflow } = await getWorkflowForActor({
      db: tx.db,
      id: workflowId,
      actor,
      minRole: "editor",
      active: true,
    });
    const v = await versionOf(tx.db, workflow.id, number);
    const [row] = await tx.db
      .update(workflows)
      .set({
        draft: v.graph,
        draftRevision: workflow.draftRevision + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(workflows.id, workflow.id))
      .returning();
    await recordAudit(tx, {
      action: "workflow.restore",
      targetType: "workflow",
      targetId: workflow.id,
      metadata: { version: number, fromRevision: workflow.draftRevision },
    });
    return { workflow: toWorkflowView(row!) };
  });
}
