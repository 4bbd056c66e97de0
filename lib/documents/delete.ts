import "server-only";
import { eq } from "drizzle-orm";
import { documents } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { documentOf } from "./access";
import { DeleteDocumentInput } from "./schemas";

/** Deletes a document (editors and owners). Audited. */
export async function deleteDocument({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
  const { projectId, documentId } = DeleteDocumentInput.parse(input);
  await withTransaction(ctx, async (tx) => {
    const { project } = await getProjectForActor({
      db: tx.db,
      id: projectId,
      actor,
      minRole: "editor",
      active: true,
    });
    const doc = await documentOf(tx, project.id, documentId);
    await tx.db.delete(documents).where(eq(documents.id, doc.id));
    await recordAudit(tx, {
      action: "document.delete",
      targetType: "document",
      targetId: doc.id,
      metadata: { projectId: project.id, title: doc.title },
    });
  });
}
