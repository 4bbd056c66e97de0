import "server-only";
import { and, eq } from "drizzle-orm";
import { projectMembers } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { conflict } from "../errors";
import { findMember, lockedProjectForActor, otherOwners } from "./lock";
import { UpdateMemberInput, type MembersOutput } from "./schemas";
import { membersOf } from "./views";

/** Changes a member's role (owners only); the last owner cannot be demoted. Audited. */
export async function updateMember({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<MembersOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const { projectId, userId, role } = UpdateMemberInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const project = await lockedProjectForActor(tx, actor, projectId, "owner");
    const member = await findMember(tx, project.id, userId);
    const demotesLastOwner =
      member.role === "owner" &&
      role !== "owner" &&
      (await otherOwners(tx, project.id, member.userId)) === 0;
    if (demotesLastOwner) {
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
    return { members: await membersOf(tx.db, project.id) };
  });
}
