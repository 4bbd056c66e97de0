import "server-only";
import { assertStorableJson } from "../text-guard";
import { z } from "zod";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { AppError, fromZodError, validationError } from "../errors";
import { ProjectIdInput } from "../ids";
import { getProjectForActor } from "../projects/access";
import { createWorkflow } from "./create";
import { WorkflowFile } from "./export-format";
import { updateWorkflow } from "./update";
import { validateGraph } from "./validate";
import type { WorkflowView } from "./views";

/** The most an import file may weigh (the create route's body limit). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export const ImportWorkflowInput = z
  .object({
    projectId: ProjectIdInput,
    text: z
      .string()
      .min(1, { error: "is empty: choose a file or paste its JSON" })
      .max(MAX_IMPORT_BYTES, { error: "is larger than 2 MB" })
      .describe("The export file's JSON text"),
    name: z
      .string()
      .trim()
      .max(120, { error: "must be at most 120 characters" })
      .optional()
      .describe("A name instead of the file's (e.g. when the project has one by that name)"),
  })
  .strict();

/**
 * Creates a workflow from an export file (editors and owners). Everything is checked before
 * anything is written: the JSON, the file's shape, and the graph through validateGraph, whose
 * issues come back per node and edge (details.issues, and details.fields as "graph.<id>.<field>").
 */
export async function importWorkflow({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ workflow: WorkflowView }> {
  const actor = requireUser(ctx, { scope: "write" });
  const data = ImportWorkflowInput.parse(input);
  // The project first: someone outside it learns nothing from how their file would have fared.
  await getProjectForActor({
    db: ctx.db,
    id: data.projectId,
    actor,
    minRole: "editor",
    active: true,
  });
  let raw: unknown;
  try {
    raw = JSON.parse(data.text);
  } catch (err) {
    const why = err instanceof Error ? err.message.slice(0, 200) : "unreadable";
    throw validationError([{ field: "file", message: `is not valid JSON (${why})` }]);
  }
  // As every API body: too deep, NUL bytes, lone surrogates are the file's fault (a 400 on the
  // field), never a crash in the schema or the insert.
  assertStorableJson(raw, { prefix: ["file"] });
  const parsed = WorkflowFile.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, "file");
  const file = parsed.data;
  const v = validateGraph(file.graph);
  if (!v.ok)
    throw new AppError(
      "validation",
      `The workflow in the file has ${v.issues.length} problem${v.issues.length === 1 ? "" : "s"}; nothing was imported.`,
      {
        issues: v.issues,
        fields: v.issues.map((i) => ({
          field: ["graph", i.nodeId ?? i.edgeId, i.field].filter(Boolean).join("."),
          message: i.message,
        })),
      },
    );
  return withTransaction(ctx, async (tx) => {
    const { workflow } = await createWorkflow({
      ctx: tx,
      input: {
        projectId: data.projectId,
        name: data.name || file.name,
        description: file.description,
        graph: file.graph,
        runRole: file.runRole,
      },
    });
    const extra = file.triggers.filter((t) => t !== "manual");
    if (!extra.length) return { workflow };
    return updateWorkflow({
      ctx: tx,
      input: { workflowId: workflow.id, revision: workflow.revision, triggers: extra },
    });
  });
}
