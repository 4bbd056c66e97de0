import { z } from "zod";
import { PROJECT_ROLES } from "@/db/schema/enums";
import { idInput, ProjectIdInput } from "../ids";
import { WorkflowGraph } from "./graph";

export const WORKFLOW_TRIGGERS = ["manual", "webhook", "schedule"] as const;

const WorkflowId = idInput("The workflow's id");
const name = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(120, { error: "must be at most 120 characters" });

export const CreateWorkflowInput = z
  .object({
    projectId: ProjectIdInput,
    name: name.describe("The workflow's name (unique in the project)"),
    description: z.string().max(2000).default("").describe("What it does"),
    graph: WorkflowGraph.optional().describe("The first draft; a manual trigger when absent"),
    runRole: z
      .enum(PROJECT_ROLES)
      .default("editor")
      .describe("The lowest project role that may start runs"),
    template: z
      .string()
      .max(60)
      .optional()
      .describe("Start from a template (see GET /api/workflows/templates)"),
    templateParams: z
      .object({
        databaseId: z.uuid().optional().describe("The database a template reads or writes"),
      })
      .strict()
      .default({})
      .describe("What the template needs"),
  })
  .strict();

export const WorkflowRef = z.object({ workflowId: WorkflowId }).strict();

export const UpdateWorkflowInput = z
  .object({
    workflowId: WorkflowId,
    /** The revision this save is based on: a stale one is refused with 409 (two editors). */
    revision: z.number().int().min(1).describe("The draft revision this edit is based on"),
    name: name.optional().describe("New name"),
    description: z.string().max(2000).optional().describe("New description"),
    graph: WorkflowGraph.optional().describe(
      "The new draft graph (saved even with validation issues)",
    ),
    runRole: z
      .enum(PROJECT_ROLES)
      .optional()
      .describe("The lowest project role that may start runs"),
    triggers: z
      .array(z.enum(WORKFLOW_TRIGGERS))
      .max(3)
      .optional()
      .describe("Triggers that may start runs of the published version"),
  })
  .strict();

export const ListWorkflowsInput = z
  .object({
    projectId: ProjectIdInput.optional().describe("Only this project's workflows"),
    q: z.string().trim().max(120).optional().describe("Name contains"),
  })
  .strict();

export const PublishInput = z
  .object({
    workflowId: WorkflowId,
    revision: z.number().int().min(1).describe("The draft revision being published"),
    message: z.string().max(500).default("").describe("What changed"),
  })
  .strict();

export const VersionRef = z
  .object({
    workflowId: WorkflowId,
    number: z.coerce.number().int().min(1).max(1_000_000_000).describe("Version number"),
  })
  .strict();

export const DiffInput = z
  .object({
    workflowId: WorkflowId,
    from: z.coerce
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .describe("Version number (0: the current draft)"),
    to: z.coerce
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .describe("Version number (0: the current draft)"),
  })
  .strict();

export const ValidateInput = z.object({ graph: WorkflowGraph }).strict();
