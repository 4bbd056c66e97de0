import { z } from "zod";
import { idInput } from "../../ids";
import { BUDGET_ACTIONS, BUDGET_PERIODS, BUDGET_SCOPES } from "@/db/schema";

/** Percent-decoded once (ids like `compat:ollama/llama3` travel encoded in a path); never throws. */
const decoded = (v: unknown) => {
  if (typeof v !== "string") return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v; // a malformed escape keeps its "%", which the pattern below refuses
  }
};

/** A model id, checked after the caller is (a service parses it behind requireAdmin). */
const ModelIdParam = z.preprocess(
  decoded,
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\w.:/@-]+$/, { error: "may contain letters, digits and . : / @ _ - only" }),
);

/** PUT /api/admin/models/:id's body; the service input adds the model id. */
export const UpsertModelBody = z
  .object({
    provider: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^(openai|anthropic|google|compat:[\w-]+)$/, {
        error: "must be openai, anthropic, google or compat:<name>",
      })
      .describe("Which provider serves it"),
    inputPerMTok: z.number().min(0).max(10_000).describe("USD per million input tokens"),
    outputPerMTok: z.number().min(0).max(10_000).describe("USD per million output tokens"),
    contextWindow: z
      .number()
      .int()
      .min(256)
      .max(100_000_000)
      .describe("Tokens the model can take (prompt + answer)"),
    capabilities: z
      .array(z.enum(["tools", "vision", "json"]))
      .max(3)
      .default([])
      .describe("What it supports"),
    quality: z
      .union([z.literal(1), z.literal(2), z.literal(3)], {
        error: "must be 1 (economy), 2 (standard) or 3 (premium)",
      })
      .describe("Quality tier"),
    latency: z
      .union([z.literal(1), z.literal(2), z.literal(3)], {
        error: "must be 1 (fast), 2 or 3 (slow)",
      })
      .default(2)
      .describe("Speed class"),
    enabled: z.boolean().default(true).describe("Whether the router may use it"),
  })
  .strict();
export type UpsertModelBody = z.infer<typeof UpsertModelBody>;
export const UpsertModelInput = UpsertModelBody.extend({
  id: ModelIdParam.describe("The model id, as the provider names it"),
});
export type UpsertModelInput = z.infer<typeof UpsertModelInput>;
export const ResetModelInput = z.object({ id: ModelIdParam.describe("The model id") }).strict();
export const DeleteBudgetInput = z.object({ id: idInput("The budget's id") }).strict();

export const SetBudgetInput = z
  .object({
    scope: z
      .enum(BUDGET_SCOPES, { error: "must be user or project" })
      .describe("Whose spending is capped"),
    subjectId: z.uuid({ error: "is not a valid id" }).describe("The user's or project's id"),
    period: z
      .enum(BUDGET_PERIODS, { error: "must be day or month" })
      .describe("UTC day or calendar month"),
    limitUsd: z.number().min(0).max(1_000_000).describe("Cap in USD for the period"),
    onExceed: z
      .enum(BUDGET_ACTIONS, { error: "must be reject or downgrade" })
      .default("reject")
      .describe("Over the cap: reject with 429, or downgrade to the cheapest model"),
  })
  .strict();
export type SetBudgetInput = z.infer<typeof SetBudgetInput>;
