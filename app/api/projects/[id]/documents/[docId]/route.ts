import { deleteDocument, getDocument, updateDocument } from "@/lib/documents";
import { MAX_DOCUMENT_BYTES, UpdateDocumentBody } from "@/lib/documents/schemas";
import { route } from "@/lib/http/route";

// GET /api/projects/:id/documents/:docId – one document with its Tiptap JSON and version
export const GET = route({}, async ({ ctx, params }) =>
  getDocument({ ctx, input: { projectId: params.id, documentId: params.docId } }),
);

// PATCH /api/projects/:id/documents/:docId – save { version, title?, content? }; a stale version → 409
export const PATCH = route(
  { body: UpdateDocumentBody, maxBodyBytes: MAX_DOCUMENT_BYTES + 64 * 1024 },
  async ({ ctx, params, body }) =>
    updateDocument({ ctx, input: { ...body, projectId: params.id, documentId: params.docId } }),
);

// DELETE /api/projects/:id/documents/:docId – delete (editors)
export const DELETE = route({}, async ({ ctx, params }) => {
  await deleteDocument({ ctx, input: { projectId: params.id, documentId: params.docId } });
  return new Response(null, { status: 204 });
});
