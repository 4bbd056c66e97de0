import "server-only";
import { and, eq } from "drizzle-orm";
import { projectMembers } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { conflict } from "../errors";
import { findMember, lockedProjectForActor, otherOwners } from "./lock";
import { RemoveMemberInput } from "./schemas";

/** Removes a member (owners), or lets any member leave; the last owner can do neither. Audited. */
export async function removeMember({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
  const { projectId, userId } = RemoveMemberInput.parse(input);
  await withTransaction(ctx, async (tx) => {
    const leaving = userId.toLowerCase() === actor.userId;
    const project = await lockedProjectForActor(tx, actor, projectId, leaving ? "viewer" : "owner");
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
