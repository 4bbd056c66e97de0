import "server-only";
import { eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { validationError } from "../errors";
import { getProjectForActor } from "./access";
import { DeleteProjectInput } from "./schemas";

/**
 * Deletes a project for good (owners only), confirmed by typing its exact name. Cascades: its
 * members and conversations go with it; its AI ledger rows stay, with the project cleared. Audited.
 */
export async function deleteProject({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: unknown;
}): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
  const { confirm } = DeleteProjectInput.parse(input);
  await withTransaction(ctx, async (tx) => {
    const { project } = await getProjectForActor({ db: tx.db, id, actor, minRole: "owner" });
    if (confirm !== project.name)
      throw validationError(
        [{ field: "confirm", message: "must be the project's exact name" }],
        "Type the project's exact name to delete it.",
      );
    await tx.db.delete(projects).where(eq(projects.id, project.id));
    await recordAudit(tx, {
      action: "project.delete",
      targetType: "project",
      targetId: project.id,
      metadata: { name: project.name },
    });
  });
}
