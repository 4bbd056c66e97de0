import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { projectMembers, projects } from "@/db/schema";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { isUuid } from "../ids";

/**
 * Member changes of one project run one at a time (row lock on the project), so two owners
 * demoting each other at once cannot leave it without an owner.
 */
export const lockProject = (tx: Ctx, id: string) =>
  tx.db.select({ id: projects.id }).from(projects).where(eq(projects.id, id)).for("update");

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
