import "server-only";
import { eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { assertActive, getProjectForActor } from "./access";
import { UpdateProjectInput, type ProjectOutput } from "./schemas";
import { membersOf, toSummary } from "./views";

/** Renames/redescribes (editors and owners) or archives/restores (owners only) a project. Audited. */
export async function updateProject({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ProjectOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const { id, ...patch } = UpdateProjectInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { project, role } = await getProjectForActor({
      db: tx.db,
      id,
      actor,
      minRole: patch.archived === undefined ? "editor" : "owner",
    });
    // An archived project keeps its name unless the same change restores it.
    if (patch.archived !== false && (patch.name !== undefined || patch.description !== undefined))
      assertActive(project);
    const archivedAt =
      patch.archived === undefined
        ? project.archivedAt
        : patch.archived
          ? (project.archivedAt ?? tx.clock.now())
          : null;
    const [updated] = await tx.db
      .update(projects)
      .set({
        name: patch.name ?? project.name,
        description: patch.description ?? project.description,
        archivedAt,
        updatedAt: tx.clock.now(),
      })
      .where(eq(projects.id, project.id))
      .returning();
    const action =
      patch.archived === true && !project.archivedAt
        ? "project.archive"
        : patch.archived === false && project.archivedAt
          ? "project.unarchive"
          : "project.update";
    await recordAudit(tx, {
      action,
      targetType: "project",
      targetId: project.id,
      metadata: { before: { name: project.name, description: project.description }, after: patch },
    });
    return { project: toSummary(updated!, role, (await membersOf(tx.db, project.id)).length) };
  });
}
