import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { documents } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { ListDocumentsInput, type ListDocumentsOutput } from "./schemas";
import { toSummary } from "./views";

const searchVector = sql`to_tsvector('simple', ${documents.title} || ' ' || ${documents.text})`;

/**
 * A project's documents (any member), newest first; with `q`, PostgreSQL full-text search over
 * title and body (GIN index, 'simple' configuration so every language works), best match first.
 */
export async function listDocuments({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ListDocumentsOutput> {
  const actor = requireUser(ctx, { scope: "read" });
  const { projectId, q, page, pageSize } = ListDocumentsInput.parse(input);
  const { project } = await getProjectForActor({ db: ctx.db, id: projectId, actor });
  const query = q ? sql`websearch_to_tsquery('simple', ${q})` : undefined;
  const where = and(
    eq(documents.projectId, project.id),
    query ? sql`${searchVector} @@ ${query}` : undefined,
  );
  const rank = query ? [desc(sql`ts_rank(${searchVector}, ${query})`)] : [];
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
    .orderBy(...rank, desc(documents.updatedAt), desc(documents.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { documents: rows.map(toSummary), total: await ctx.db.$count(documents, where) };
}
