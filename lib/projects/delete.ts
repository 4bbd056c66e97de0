import "server-only";
import { eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { validationError } from "../errors";
import { getProjectForActor } from "./access";
import { DeleteProjectInput, type DeleteProjectOutput } from "./schemas";

/**
 * Deletes a project for good (owners only), confirmed by typing its exact name. Cascades: its
 * members and conversations go with it; its AI ledger rows stay, with the project cleared. Audited.
 */
export async function deleteProject({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<DeleteProjectOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const { id, confirm } = DeleteProjectInput.parse(input);
  return withTransaction(ctx, async (tx) => {
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
    return { deleted: { id: project.id, name: project.name } };
  });
}
