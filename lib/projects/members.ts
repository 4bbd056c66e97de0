import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { projectMembers, projects, users } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { conflict, notFound, validationError } from "../errors";
import { getProjectForActor } from "./access";
import { AddMemberInput, UpdateMemberInput, type ProjectMemberView } from "./schemas";
import { membersOf } from "./views";
import { isUuid } from "../ids";

// Member changes of one project run one at a time (row lock on the project), so two owners
// demoting each other at once cannot leave it without an owner.
const lockProject = (tx: Ctx, id: string) =>
  tx.db.select({ id: projects.id }).from(projects).where(eq(projects.id, id)).for("update");

async function otherOwners(tx: Ctx, projectId: string, userId: string): Promise<number> {
  return tx.db.$count(
    projectMembers,
    and(
      eq(projectMembers.projectId, projectId),
      eq(projectMembers.role, "owner"),
      ne(projectMembers.userId, userId),
    ),
  );
}

/** Invites an existing user by email with a role (owners only). Audited. */
export async function addMember({
  ctx,
  projectId,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  input: unknown;
}): Promise<ProjectMemberView[]> {
  const actor = requireUser(ctx, { scope: "write" });
  const { email, role } = AddMemberInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { project } = await getProjectForActor({
      db: tx.db,
      id: projectId,
      actor,
      minRole: "owner",
    });
    await lockProject(tx, project.id);
    const [user] = await tx.db
      .select({ id: users.id, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
    if (!user || user.disabledAt)
      throw validationError([
        {
          field: "email",
          message: "is not the email of an active user; they need an account first",
        },
      ]);
    const [added] = await tx.db
      .insert(projectMembers)
      .values({ projectId: project.id, userId: user.id, role })
      .onConflictDoNothing()
      .returning();
    if (!added) throw conflict("This user is already a member; change their role instead.");
    await recordAudit(tx, {
      action: "project.member_add",
      targetType: "project",
      targetId: project.id,
      metadata: { userId: user.id, role },
    });
    return membersOf(tx.db, project.id);
  });
}

/** Changes a member's role (owners only); the last owner cannot be demoted. Audited. */
export async function updateMember({
  ctx,
  projectId,
  userId,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  userId: string;
  input: unknown;
}): Promise<ProjectMemberView[]> {
  const actor = requireUser(ctx, { scope: "write" });
  const { role } = UpdateMemberInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { project } = await getProjectForActor({
      db: tx.db,
      id: projectId,
      actor,
      minRole: "owner",
    });
    await lockProject(tx, project.id);
    const member = await findMember(tx, project.id, userId);
    if (
      member.role === "owner" &&
      role !== "owner" &&
      (await otherOwners(tx, project.id, member.userId)) === 0
    ) {
      throw conflict("This is the project's last owner; make someone else an owner first.");
    }
    await tx.db
      .update(projectMembers)
      .set({ role })
      .where(
        and(eq(projectMembers.projectId, project.id), eq(projectMembers.userId, member.userId)),
      );
    await recordAudit(tx, {
      action: "project.member_role",
      targetType: "project",
      targetId: project.id,
      metadata: { userId: member.userId, before: member.role, after: role },
    });
    return membersOf(tx.db, project.id);
  });
}

/** Removes a member (owners), or lets any member leave; the last owner can do neither. Audited. */
export async function removeMember({
  ctx,
  projectId,
  userId,
}: {
  ctx: Ctx;
  projectId: string;
  userId: string;
}): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
  await withTransaction(ctx, async (tx) => {
    const leaving = userId.toLowerCase() === actor.userId;
    const { project } = await getProjectForActor({
      db: tx.db,
      id: projectId,
      actor,
      minRole: leaving ? "viewer" : "owner",
    });
    await lockProject(tx, project.id);
    const member = await findMember(tx, project.id, userId);
    if (member.role === "owner" && (await otherOwners(tx, project.id, member.userId)) === 0) {
      throw conflict(
        "The last owner cannot leave or be removed; make someone else an owner first, or delete the project.",
      );
    }
    await tx.db
      .delete(projectMembers)
      .where(
        and(eq(projectMembers.projectId, project.id), eq(projectMembers.userId, member.userId)),
      );
    await recordAudit(tx, {
      action: leaving ? "project.member_leave" : "project.member_remove",
      targetType: "project",
      targetId: project.id,
      metadata: { userId: member.userId, role: member.role },
    });
  });
}

async function findMember(tx: Ctx, projectId: string, userId: string) {
  if (!isUuid(userId)) throw notFound("Member");
  const [member] = await tx.db
    .select()
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  if (!member) throw notFound("Member");
  return member;
}
