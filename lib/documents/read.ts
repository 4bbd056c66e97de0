import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { documents } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { getProjectForActor } from "../projects/access";
import { DocumentId, ListDocumentsInput, type DocumentSummary, type DocumentView } from "./schemas";
import { toSummary, toView } from "./views";

const searchVector = sql`to_tsvector('simple', ${documents.title} || ' ' || ${documents.text})`;

/**
 * A project's documents (any member), newest first; with `q`, PostgreSQL full-text search over
 * title and body (GIN index, 'simple' configuration so every language works), best match first.
 */
export async function listDocuments({
  ctx,
  projectId,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  input: unknown;
}): Promise<{ documents: DocumentSummary[]; total: number }> {
  const actor = requireUser(ctx, { scope: "read" });
  const { q, page, pageSize } = ListDocumentsInput.parse(input ?? {});
  const { project } = await getProjectForActor({ db: ctx.db, id: projectId, actor });
  const query = q ? sql`websearch_to_tsquery('simple', ${q})` : undefined;
  const where = and(
    eq(documents.projectId, project.id),
    query ? sql`${searchVector} @@ ${query}` : undefined,
  );
  const rows = await ctx.db
    .select({
      id: documents.id,
      projectId: documents.projectId,
      title: documents.title,
      text: documents.text,
      version: documents.version,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .where(where)
    .orderBy(
      ...(query ? [desc(sql`ts_rank(${searchVector}, ${query})`)] : []),
      desc(documents.updatedAt),
      desc(documents.id),
    )
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { documents: rows.map(toSummary), total: await ctx.db.$count(documents, where) };
}

/** One document (any member of its project); another project's or an unknown id → 404. */
export async function getDocument({
  ctx,
  projectId,
  id,
}: {
  ctx: Ctx;
  projectId: string;
  id: string;
}): Promise<DocumentView> {
  const actor = requireUser(ctx, { scope: "read" });
  const { project } = await getProjectForActor({ db: ctx.db, id: projectId, actor });
  return toView(await documentOf(ctx, project.id, id));
}

export async function documentOf(ctx: Ctx, projectId: string, id: string) {
  const parsed = DocumentId.safeParse(id);
  if (!parsed.success) throw notFound("Document");
  const [doc] = await ctx.db
    .select()
    .from(documents)
    .where(and(eq(documents.id, parsed.data), eq(documents.projectId, projectId)));
  if (!doc) throw notFound("Document");
  return doc;
}
