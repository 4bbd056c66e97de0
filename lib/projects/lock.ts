import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { projectMembers, projects, type Project, type ProjectMember } from "@/db/schema";
import type { Ctx, UserActor } from "../context";
import { notFound } from "../errors";
import { isUuid } from "../ids";
import { getProjectForActor } from "./access";

/**
 * The project the actor may change members of, locked: member changes of one project run one at
 * a time (row lock), so two owners demoting each other at once cannot leave it without an owner.
 * `active`: the change adds to the project (an invitation), which an archived one refuses.
 */
export async function lockedProjectForActor(
  tx: Ctx,
  actor: UserActor,
  projectId: string,
  minRole: ProjectMember["role"],
  opts: { active?: boolean } = {},
): Promise<Project> {
  const { project } = await getProjectForActor({
    db: tx.db,
    id: projectId,
    actor,
    minRole,
    active: opts.active,
  });
  await tx.db
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.id, project.id))
    .for("update");
  return project;
}

/** Owners of the project other than `userId`. */
export function otherOwners(tx: Ctx, projectId: string, userId: string): Promise<number> {
  return tx.db.$count(
    projectMembers,
    and(
      eq(projectMembers.projectId, projectId),
      eq(projectMembers.role, "owner"),
      ne(projectMembers.userId, userId),
    ),
  );
}

/** A member of the project, or 404 (also for a malformed user id). */
export async function findMember(tx: Ctx, projectId: string, userId: string) {
  if (!isUuid(userId)) throw notFound("Member");
  const [member] = await tx.db
    .select()
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  if (!member) throw notFound("Member");
  return member;
}
