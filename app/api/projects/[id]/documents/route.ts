import { createDocument, listDocuments } from "@/lib/documents";
import {
  CreateDocumentBody,
  ListDocumentsQuery,
  MAX_DOCUMENT_BYTES,
} from "@/lib/documents/schemas";
import { route } from "@/lib/http/route";

// GET /api/projects/:id/documents – the project's documents (?q= full-text search, ?page=, ?pageSize=)
export const GET = route({ query: ListDocumentsQuery }, async ({ ctx, params, query }) =>
  listDocuments({ ctx, input: { ...query, projectId: params.id } }),
);

// POST /api/projects/:id/documents – create a document (editors)
export const POST = route(
  { body: CreateDocumentBody, maxBodyBytes: MAX_DOCUMENT_BYTES + 64 * 1024, status: 201 },
  async ({ ctx, params, body }) =>
    createDocument({ ctx, input: { ...body, projectId: params.id } }),
);
