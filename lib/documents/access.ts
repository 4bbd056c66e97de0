import "server-only";
import { and, eq } from "drizzle-orm";
import { documents, type DocumentRow } from "@/db/schema";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { DocumentId } from "./schemas";

/** A document of the project, or 404 (another project's, deleted, or a malformed id alike). */
export async function documentOf(ctx: Ctx, projectId: string, id: string): Promise<DocumentRow> {
  const parsed = DocumentId.safeParse(id);
  if (!parsed.success) throw notFound("Document");
  const [doc] = await ctx.db
    .select()
    .from(documents)
    .where(and(eq(documents.id, parsed.data), eq(documents.projectId, projectId)));
  if (!doc) throw notFound("Document");
  return doc;
}
