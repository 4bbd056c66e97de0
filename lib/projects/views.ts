import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projectMembers, users, type Project } from "@/db/schema";
import type { ProjectMemberView, ProjectRole, ProjectSummary } from "./schemas";

export function toSummary(p: Project, role: ProjectRole, memberCount: number): ProjectSummary {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    archivedAt: p.archivedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    role,
    memberCount,
  };
}

export async function membersOf(db: Db, projectId: string): Promise<ProjectMemberView[]> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: projectMembers.role,
      joinedAt: projectMembers.createdAt,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    // Owners first, then editors, then viewers; alphabetical within a role.
    .orderBy(
      sql`case ${projectMembers.role} when 'owner' then 0 when 'editor' then 1 else 2 end`,
      asc(users.email),
    );
  return rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() }));
}
