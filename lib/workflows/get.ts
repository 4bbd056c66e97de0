import "server-only";
import { and, desc, eq, ilike, inArray } from "drizzle-orm";
import { projectMembers, workflows } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { getWorkflowForActor } from "./access";
import { ListWorkflowsInput, WorkflowRef } from "./schemas";
import { toWorkflowView, type WorkflowView } from "./views";

/** One workflow with its draft and the draft's issues (any project member). */
export async function getWorkflow({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ workflow: WorkflowView; role: string }> {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { workflowId } = WorkflowRef.parse(input);
  const { workflow, role } = await getWorkflowForActor({ db: ctx.db, id: workflowId, actor });
  return { workflow: toWorkflowView(workflow), role };
}

/** The workflows of the caller's projects (or of one), newest change first. */
export async function listWorkflows({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const q = ListWorkflowsInput.parse(input ?? {});
  // One project's list goes through the ownership helper: a project the caller is not in, or a
  // malformed id, is 404 (a malformed id used to reach the uuid column and fail as a 500).
  if (q.projectId !== undefined) await getProjectForActor({ db: ctx.db, id: q.projectId, actor });
  const mine = ctx.db
    .select({ id: projectMembers.projectId })
    .from(projectMembers)
    .where(eq(projectMembers.userId, actor.userId));
  const rows = await ctx.db
    .select()
    .from(workflows)
    .where(
      and(
        inArray(workflows.projectId, mine),
        q.projectId ? eq(workflows.projectId, q.projectId) : undefined,
        q.q ? ilike(workflows.name, `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined,
      ),
    )
    .orderBy(desc(workflows.updatedAt))
    .limit(500);
  return { workflows: rows.map(toWorkflowView) };
}
