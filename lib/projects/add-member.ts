import "server-only";
import { eq, sql } from "drizzle-orm";
import { projectMembers, users } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { conflict, validationError } from "../errors";
import { lockedProjectForActor } from "./lock";
import { AddMemberInput, type MembersOutput } from "./schemas";
import { membersOf } from "./views";

/** Invites an existing user by email with a role (owners only; not into an archived project). Audited. */
export async function addMember({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<MembersOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const { projectId, email, role } = AddMemberInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const project = await lockedProjectForActor(tx, actor, projectId, "owner", { active: true });
    const [user] = await tx.db
      .select({ id: users.id, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
    if (!user || user.disabledAt) {
      throw validationError([
        {
          field: "email",
          message: "is not the email of an active user; they need an account first",
        },
      ]);
    }
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
    return { members: await membersOf(tx.db, project.id) };
  });
}
