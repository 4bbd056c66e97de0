import { z } from "zod";
import { PROJECT_ROLES } from "@/db/schema/enums";
import { WorkflowGraph } from "./graph";
import { WORKFLOW_TRIGGERS } from "./schemas";

/**
 * The JSON file a workflow is exported as and imported from. `format` names it and `version`
 * says which shape it has, so a later shape can still read (or clearly refuse) older files. The
 * graph is the draft as the editor last saved it; it is checked by validateGraph on import.
 */
export const WORKFLOW_FILE_FORMAT = "aios.workflow";
export const WORKFLOW_FILE_VERSION = 1;

export const WorkflowFile = z.object({
  format: z.literal(WORKFLOW_FILE_FORMAT, { error: `must be "${WORKFLOW_FILE_FORMAT}"` }),
  version: z.literal(WORKFLOW_FILE_VERSION, {
    error: `must be ${WORKFLOW_FILE_VERSION} (the only version this app reads)`,
  }),
  exportedAt: z.string().max(40).optional().describe("When the file was made"),
  name: z.string().trim().min(1, { error: "is required" }).max(120).describe("The workflow's name"),
  description: z.string().max(2000).default("").describe("What it does"),
  runRole: z.enum(PROJECT_ROLES).default("editor").describe("The lowest role that may run it"),
  triggers: z
    .array(z.enum(WORKFLOW_TRIGGERS))
    .max(3)
    .default(["manual"])
    .describe("The triggers that may start it"),
  graph: WorkflowGraph.describe("The draft graph (nodes and edges)"),
});
export type WorkflowFile = z.infer<typeof WorkflowFile>;

/** A safe download name: the workflow's name in kebab case. */
export const workflowFileName = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "workflow"
  }.workflow.json`;
