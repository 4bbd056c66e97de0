import { createDocument, listDocuments } from "@/lib/documents";
import {
  CreateDocumentInput,
  ListDocumentsInput,
  MAX_DOCUMENT_BYTES,
} from "@/lib/documents/schemas";
import { route } from "@/lib/http/route";

type P = { id: string };

// GET /api/projects/:id/documents – the project's documents (?q= full-text search, ?page=, ?pageSize=)
export const GET = route<undefined, ListDocumentsInput, P>(
  { query: ListDocumentsInput },
  async ({ ctx, params, query }) => listDocuments({ ctx, projectId: params.id, input: query }),
);

// POST /api/projects/:id/documents – create a document (editors)
export const POST = route<CreateDocumentInput, undefined, P>(
  { body: CreateDocumentInput, maxBodyBytes: MAX_DOCUMENT_BYTES + 64 * 1024, status: 201 },
  async ({ ctx, params, body }) => ({
    document: await createDocument({ ctx, projectId: params.id, input: body }),
  }),
);
