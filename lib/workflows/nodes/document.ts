import { z } from "zod";
import { checkTemplate, render } from "./compile";
import type { NodeDefinition } from "./types";

export const DocumentConfig = z
  .object({
    mode: z
      .enum(["create", "append"])
      .default("create")
      .describe("create: a new project document; append: add to an existing one"),
    title: z.string().min(1).max(2000).describe("Document title (template)"),
    text: z
      .string()
      .min(1)
      .max(200_000)
      .describe("Text to write; blank lines separate paragraphs (template)"),
    documentId: z.uuid().optional().describe("append: the document to add to"),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.mode === "append" && !c.documentId)
      ctx.addIssue({ code: "custom", path: ["documentId"], message: "is required to append" });
  });
export type DocumentConfig = z.infer<typeof DocumentConfig>;

export const document: NodeDefinition<DocumentConfig> = {
  type: "document",
  title: "Document",
  description: "Writes a project document, as the run's user.",
  config: DocumentConfig,
  inputs: [{ id: "in", label: "In" }],
  outputs: () => [{ id: "out", label: "Document" }],
  idempotent: false,
  validate(config, scope) {
    const issues: { field: string; message: string }[] = [];
    checkTemplate(config.title, "title", scope, issues);
    checkTemplate(config.text, "text", scope, issues);
    return issues;
  },
  execute: async (c, x) => ({
    output: await x.effects.document(
      {
        mode: c.mode,
        title: render(c.title, x.vars),
        text: render(c.text, x.vars),
        documentId: c.documentId,
      },
      x.signal,
    ),
  }),
};
