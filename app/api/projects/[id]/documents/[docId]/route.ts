import { deleteDocument, getDocument, updateDocument } from "@/lib/documents";
import { MAX_DOCUMENT_BYTES, UpdateDocumentInput } from "@/lib/documents/schemas";
import { route } from "@/lib/http/route";

type P = { id: string; docId: string };

// GET /api/projects/:id/documents/:docId – one document with its Tiptap JSON and version
export const GET = route<undefined, undefined, P>({}, async ({ ctx, params }) => ({
  document: await getDocument({ ctx, projectId: params.id, id: params.docId }),
}));

// PATCH /api/projects/:id/documents/:docId – save { version, title?, content? }; a stale version → 409
export const PATCH = route<UpdateDocumentInput, undefined, P>(
  { body: UpdateDocumentInput, maxBodyBytes: MAX_DOCUMENT_BYTES + 64 * 1024 },
  async ({ ctx, params, body }) => ({
    document: await updateDocument({ ctx, projectId: params.id, id: params.docId, input: body }),
  }),
);

// DELETE /api/projects/:id/documents/:docId – delete (editors)
export const DELETE = route<undefined, undefined, P>({}, async ({ ctx, params }) => {
  await deleteDocument({ ctx, projectId: params.id, id: params.docId });
  return new Response(null, { status: 204 });
});
