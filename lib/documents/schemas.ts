import { z } from "zod";

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

export const DocumentId = z.uuid({ error: "is not a valid document id" });

export const CreateDocumentInput = z
  .object({
    title: title.default("Untitled").describe("The document's title"),
    content: TiptapDoc.default({ type: "doc", content: [] }).describe("The body as Tiptap JSON"),
  })
  .strict();
export type CreateDocumentInput = z.infer<typeof CreateDocumentInput>;

export const UpdateDocumentInput = z
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
export type UpdateDocumentInput = z.infer<typeof UpdateDocumentInput>;

export const ListDocumentsInput = z
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

export type ListDocumentsInput = z.infer<typeof ListDocumentsInput>;

export interface DocumentSummary {
  id: string;
  projectId: string;
  title: string;
  /** The first characters of the plain text. */
  excerpt: string;
  version: number;
  updatedAt: string;
}

export interface DocumentView extends DocumentSummary {
  content: TiptapDoc;
  createdAt: string;
}
