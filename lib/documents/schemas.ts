import { z } from "zod";
import { idInput, ProjectIdInput } from "../ids";

export const MAX_DOCUMENT_BYTES = 1_000_000;

/** A Tiptap (ProseMirror) document: `{ type: "doc", content: [...] }`; nodes are checked for shape, not for every attribute. */
const Node: z.ZodType<{ type: string; content?: unknown[]; text?: string }> = z.lazy(() =>
  z
    .object({
      type: z.string().min(1).max(64),
      text: z.string().optional(),
      content: z.array(Node).max(100_000).optional(),
      attrs: z.record(z.string(), z.unknown()).optional(),
      marks: z
        .array(
          z.object({
            type: z.string().min(1).max(64),
            attrs: z.record(z.string(), z.unknown()).optional(),
          }),
        )
        .max(50)
        .optional(),
    })
    .strict(),
);
export const TiptapDoc = z
  .object({
    type: z
      .literal("doc", { error: 'must be a Tiptap document ({ "type": "doc", ... })' })
      .describe('Always "doc"'),
    content: z
      .array(Node)
      .max(100_000)
      .default([])
      .describe(
        "Block nodes: paragraph, heading, bulletList, orderedList, codeBlock, blockquote, …",
      ),
  })
  .strict();
export type TiptapDoc = z.infer<typeof TiptapDoc>;

const title = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(200, { error: "must be at most 200 characters" });

/** Ids in service inputs: any string; malformed, unknown and another project's are 404 alike. */
const ProjectId = ProjectIdInput;
const DocumentIdInput = idInput("The document's id");
export const DocumentId = z.uuid({ error: "is not a valid document id" });
export const DocumentRef = z.object({ projectId: ProjectId, documentId: DocumentIdInput }).strict();

export const CreateDocumentBody = z
  .object({
    title: title.default("Untitled").describe("The document's title"),
    content: TiptapDoc.default({ type: "doc", content: [] }).describe("The body as Tiptap JSON"),
  })
  .strict();
export const CreateDocumentInput = CreateDocumentBody.extend({ projectId: ProjectId });
export type CreateDocumentInput = z.infer<typeof CreateDocumentInput>;

export const UpdateDocumentBody = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .describe("The version this edit is based on; a stale one is refused with 409"),
    title: title.optional().describe("New title"),
    content: TiptapDoc.optional().describe("New body as Tiptap JSON"),
  })
  .strict();
export const UpdateDocumentInput = UpdateDocumentBody.extend(DocumentRef.shape);
export type UpdateDocumentInput = z.infer<typeof UpdateDocumentInput>;
export const GetDocumentInput = DocumentRef;
export const DeleteDocumentInput = DocumentRef;

export const ListDocumentsQuery = z
  .object({
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe(
        'Full-text search over title and body (web-search syntax: words, "phrases", -exclude, or)',
      ),
    page: z.coerce.number().int().min(1).default(1).describe("Page number, from 1"),
    pageSize: z.coerce.number().int().min(1).max(100).default(50).describe("Documents per page"),
  })
  .strict();

export const ListDocumentsInput = ListDocumentsQuery.extend({ projectId: ProjectId });
export type ListDocumentsInput = z.infer<typeof ListDocumentsInput>;

// ── outputs ───────────────────────────────────────────────────────────────────────────────

export const DocumentSummary = z.object({
  id: z.string().describe("The document's id"),
  projectId: z.string().describe("Its project"),
  title: z.string().describe("Its title"),
  excerpt: z.string().describe("The first 200 characters of its plain text"),
  version: z.number().int().describe("Bumped by every save"),
  updatedAt: z.string().describe("ISO 8601"),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentView = DocumentSummary.extend({
  content: TiptapDoc.describe("The body as Tiptap JSON"),
  createdAt: z.string().describe("ISO 8601"),
});
export type DocumentView = z.infer<typeof DocumentView>;

export const DocumentOutput = z.object({ document: DocumentView.describe("The document") });
export type DocumentOutput = z.infer<typeof DocumentOutput>;
export const ListDocumentsOutput = z.object({
  documents: z.array(DocumentSummary).describe("This page (best match first when searching)"),
  total: z.number().int().describe("How many match in all"),
});
export type ListDocumentsOutput = z.infer<typeof ListDocumentsOutput>;
