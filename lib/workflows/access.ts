import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflows, type Project, type WorkflowRow } from "@/db/schema";
import type { PROJECT_ROLES } from "@/db/schema/enums";
import type { UserActor } from "../context";
import { forbidden, notFound } from "../errors";
import { isUuid } from "../ids";
import { getProjectForActor } from "../projects/access";

type ProjectRole = (typeof PROJECT_ROLES)[number];
const RANK: Record<ProjectRole, number> = { viewer: 1, editor: 2, owner: 3 };
export const roleAtLeast = (role: ProjectRole, min: ProjectRole) => RANK[role] >= RANK[min];

/**
 * The one ownership check for workflows: the workflow if the actor is a member of its project
 * with at least `minRole` (viewers see, editors edit and publish). Another project's, unknown or
 * malformed id → 404 alike; too low a role → 403.
 */
export async function getWorkflowForActor({
  db,
  id,
  actor,
  minRole = "viewer",
  active = false,
}: {
  db: Db;
  id: string;
  actor: UserActor;
  minRole?: ProjectRole;
  active?: boolean;
}): Promise<{ workflow: WorkflowRow; role: ProjectRole; project: Project }> {
  if (!isUuid(id)) throw notFound("Workflow");
  const [workflow] = await db.select().from(workflows).where(eq(workflows.id, id));
  if (!workflow) throw notFound("Workflow");
  // minRole goes in too: a member whose role could never do it hears 403, not about an archive.
  const { role, project } = await getProjectForActor({
    db,
    id: workflow.projectId,
    actor,
    minRole,
    active,
  }).catch((err: unknown) => {
    throw (err as { code?: string }).code === "not_found" ? notFound("Workflow") : err;
  });
  return { workflow, role, project };
}

/** Whether `role` may start runs of `workflow` (its runRole), else 403 naming the role. */
export function assertMayRun(workflow: WorkflowRow, role: ProjectRole): void {
  if (!roleAtLeast(role, workflow.runRole))
    throw forbidden(
      `Running this workflow needs the ${workflow.runRole} role in its project; you are a ${role}.`,
    );
}
