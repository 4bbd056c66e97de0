import "server-only";
import { and, eq } from "drizzle-orm";
import { documents } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { conflict } from "../errors";
import { getProjectForActor } from "../projects/access";
import { documentOf } from "./access";
import { UpdateDocumentInput, type DocumentOutput } from "./schemas";
import { checkSize } from "./size";
import { plainText } from "./text";
import { toView } from "./views";

/**
 * Saves a document (editors and owners) if nobody saved since `version`: the update matches on
 * the version, so of two concurrent saves exactly one wins and the other gets 409 with the
 * current version, and the editor can offer to reload.
 */
export async function updateDocument({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<DocumentOutput> {
  const actor = requireUser(ctx, { scope: "write", system: true });
  const { projectId, documentId, ...data } = UpdateDocumentInput.parse(input);
  checkSize(data.content);
  const { project } = await getProjectForActor({
    db: ctx.db,
    id: projectId,
    actor,
    minRole: "editor",
    active: true,
  });
  const current = await documentOf(ctx, project.id, documentId);
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
    const latest = await documentOf(ctx, project.id, documentId);
    throw conflict(
      `This document was changed since version ${data.version} (now version ${latest.version}); reload it to see the changes.`,
      { currentVersion: latest.version },
    );
  }
  return { document: toView(saved) };
}
