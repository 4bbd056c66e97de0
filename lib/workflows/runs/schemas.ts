import { z } from "zod";
import { RUN_STATUSES } from "@/db/schema/enums";
import { idInput } from "../../ids";

const WorkflowId = idInput("The workflow's id");
const RunId = idInput("The run's id");

export const StartRunInput = z
  .object({
    workflowId: WorkflowId,
    input: z.record(z.string(), z.unknown()).default({}).describe("The trigger's input fields"),
    draft: z
      .boolean()
      .default(false)
      .describe("Test-run the current draft (editors) instead of the published version"),
  })
  .strict();

export const RunRef = z.object({ runId: RunId }).strict();

export const ListRunsInput = z
  .object({
    workflowId: WorkflowId,
    status: z.enum(RUN_STATUSES).optional().describe("Only runs in this state"),
    before: z.iso.datetime().optional().describe("Page: runs created before this time"),
    limit: z.coerce.number().int().min(1).max(100).default(25).describe("Runs per page"),
  })
  .strict();

export const RerunInput = z
  .object({
    runId: RunId,
    fromNodeId: z
      .string()
      .min(1)
      .max(64)
      .describe("Run again from this step; the steps before it keep their outputs"),
  })
  .strict();

export const RunEventsInput = z
  .object({
    runId: RunId,
    after: z.coerce
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .default(0)
      .describe("The last event id seen"),
  })
  .strict();
