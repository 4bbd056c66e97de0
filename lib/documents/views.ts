import type { DocumentRow } from "@/db/schema";
import type { DocumentSummary, DocumentView, TiptapDoc } from "./schemas";

export const toSummary = (
  d: Pick<DocumentRow, "id" | "projectId" | "title" | "text" | "version" | "updatedAt">,
): DocumentSummary => ({
  id: d.id,
  projectId: d.projectId,
  title: d.title,
  excerpt: d.text.slice(0, 200),
  version: d.version,
  updatedAt: d.updatedAt.toISOString(),
});

export const toView = (d: DocumentRow): DocumentView => ({
  ...toSummary(d),
  content: d.content as TiptapDoc,
  createdAt: d.createdAt.toISOString(),
});
