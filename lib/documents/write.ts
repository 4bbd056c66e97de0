import "server-only";
import { and, eq } from "drizzle-orm";
import { documents } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { AppError, conflict } from "../errors";
import { getProjectForActor } from "../projects/access";
import { documentOf } from "./read";
import {
  CreateDocumentInput,
  MAX_DOCUMENT_BYTES,
  UpdateDocumentInput,
  type DocumentView,
  type TiptapDoc,
} from "./schemas";
import { plainText } from "./text";
import { toView } from "./views";

function checkSize(content: TiptapDoc | undefined) {
  if (content && Buffer.byteLength(JSON.stringify(content)) > MAX_DOCUMENT_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The document is larger than ${MAX_DOCUMENT_BYTES / 1_000_000} MB; split it.`,
      {
        fields: [
          { field: "content", message: `must be at most ${MAX_DOCUMENT_BYTES} bytes as JSON` },
        ],
      },
    );
  }
}

/** Creates a document (editors and owners). */
export async function createDocument({
  ctx,
  projectId,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  input: unknown;
}): Promise<DocumentView> {
  const actor = requireUser(ctx, { scope: "write" });
  const data = CreateDocumentInput.parse(input ?? {});
  checkSize(data.content);
  const { project } = await getProjectForActor({
    db: ctx.db,
    id: projectId,
    actor,
    minRole: "editor",
  });
  const [doc] = await ctx.db
    .insert(documents)
    .values({
      projectId: project.id,
      title: data.title,
      content: data.content,
      text: plainText(data.content),
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .returning();
  return toView(doc!);
}

/**
 * Saves a document (editors and owners) if nobody saved since `version`: the update matches on
 * the version, so of two concurrent saves exactly one wins and the other gets 409 with the
 * current version, and the editor can offer to reload.
 */
export async function updateDocument({
  ctx,
  projectId,
  id,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  id: string;
  input: unknown;
}): Promise<DocumentView> {
  const actor = requireUser(ctx, { scope: "write" });
  const data = UpdateDocumentInput.parse(input);
  checkSize(data.content);
  const { project } = await getProjectForActor({
    db: ctx.db,
    id: projectId,
    actor,
    minRole: "editor",
  });
  const current = await documentOf(ctx, project.id, id);
  const [saved] = await ctx.db
    .update(documents)
    .set({
      ...(data.title !== undefined && { title: data.title }),
      ...(data.content !== undefined && { content: data.content, text: plainText(data.content) }),
      version: data.version + 1,
      updatedBy: actor.userId,
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(documents.id, current.id), eq(documents.version, data.version)))
    .returning();
  if (!saved) {
    const latest = await documentOf(ctx, project.id, id);
    throw conflict(
      `This document was changed since version ${data.version} (now version ${latest.version}); reload it to see the changes.`,
      { currentVersion: latest.version },
    );
  }
  return toView(saved);
}

/** Deletes a document (editors and owners). Audited. */
export async function deleteDocument({
  ctx,
  projectId,
  id,
}: {
  ctx: Ctx;
  projectId: string;
  id: string;
}): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
  await withTransaction(ctx, async (tx) => {
    const { project } = await getProjectForActor({
      db: tx.db,
      id: projectId,
      actor,
      minRole: "editor",
    });
    const doc = await documentOf(tx, project.id, id);
    await tx.db.delete(documents).where(eq(documents.id, doc.id));
    await recordAudit(tx, {
      action: "document.delete",
      targetType: "document",
      targetId: doc.id,
      metadata: { projectId: project.id, title: doc.title },
    });
  });
}
