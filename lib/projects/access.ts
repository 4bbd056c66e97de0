import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projectMembers, projects, type Project, type ProjectMember } from "@/db/schema";
import type { UserActor } from "../context";
import { conflict, forbidden, notFound } from "../errors";
import { isUuid } from "../ids";

const RANK: Record<ProjectMember["role"], number> = { viewer: 1, editor: 2, owner: 3 };

/**
 * The one ownership check for project data: the project if the actor is a member with at least
 * `minRole`. Not a member (or no such project, or a malformed id) → 404, never a hint it exists;
 * a member with too low a role → 403. `active`: the call changes the project's content or members,
 * which an archived project refuses (409) until an owner restores it.
 */
export async function getProjectForActor({
  db,
  id,
  actor,
  minRole = "viewer",
  active = false,
}: {
  db: Db;
  id: string;
  actor: UserActor;
  minRole?: ProjectMember["role"];
  active?: boolean;
}): Promise<{ project: Project; role: ProjectMember["role"] }> {
  if (!isUuid(id)) throw notFound("Project");
  const [row] = await db
    .select({ project: projects, role: projectMembers.role })
    .from(projects)
    .innerJoin(
      projectMembers,
      and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, actor.userId)),
    )
    .where(eq(projects.id, id));
  if (!row) throw notFound("Project");
  if (RANK[row.role] < RANK[minRole])
    throw forbidden(`This needs the ${minRole} role in the project; you are a ${row.role}.`);
  if (active) assertActive(row.project);
  return row;
}

/** Archived projects are read-only: reads, restore, delete and member removals only. */
export function assertActive(project: Project): void {
  if (project.archivedAt) throw conflict("This project is archived; restore it to change it.");
}
