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
    .min(1, { error: "is required" })
    .max(200, { error: "must be at most 200 characters" })
    .regex(/^[\w.:/@-]+$/, { error: "may contain letters, digits and . : / @ _ - only" }),
);

const price = z
  .number({ error: "must be a number" })
  .min(0, { error: "must be at least $0" })
  .max(10_000, { error: "must be at most $10,000" });

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
    inputPerMTok: price.describe("USD per million input tokens"),
    outputPerMTok: price.describe("USD per million output tokens"),
    contextWindow: z
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .min(256, { error: "must be at least 256 tokens" })
      .max(100_000_000, { error: "must be at most 100,000,000 tokens" })
      .describe("Tokens the model can take (prompt + answer)"),
    capabilities: z
      .array(z.enum(["tools", "vision", "json"], { error: "must be tools, vision or json" }))
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
    limitUsd: z
      .number({ error: "must be a number" })
      .min(0, { error: "must be at least $0" })
      .max(1_000_000, { error: "must be at most $1,000,000" })
      // A sub-cent cap reads as "$0.00" everywhere yet lets some spending through.
      .refine((usd) => usd <= 0 || usd >= 0.01, {
        error: "must be $0 (no AI use) or at least $0.01",
      })
      .describe("Cap in USD for the period; 0 stops all AI use"),
    onExceed: z
      .enum(BUDGET_ACTIONS, { error: "must be reject or downgrade" })
      .default("reject")
      .describe("Over the cap: reject with 429, or downgrade to the cheapest model"),
  })
  .strict();
export type SetBudgetInput = z.infer<typeof SetBudgetInput>;

export const BudgetView = z.object({
  id: z.string().describe("The cap's id"),
  scope: z.enum(BUDGET_SCOPES).describe("Whose spending is capped: a user or a project"),
  subjectId: z.string().describe("The user's or project's id"),
  subjectEmail: z
    .string()
    .nullable()
    .describe("The user's email (user caps, while the user exists)"),
  subjectName: z
    .string()
    .nullable()
    .describe("The user's display name or the project's name, where there is one"),
  period: z.enum(BUDGET_PERIODS).describe("UTC day or calendar month"),
  limitUsd: z.number().describe("Cap in USD for the period"),
  onExceed: z.enum(BUDGET_ACTIONS).describe("Over the cap: reject (429) or downgrade"),
  createdAt: z.string().describe("When the cap was first set, ISO 8601"),
});
export type BudgetView = z.infer<typeof BudgetView>;
export const ListBudgetsOutput = z.object({
  budgets: z.array(BudgetView).describe("Every cap, user caps first"),
});
export type ListBudgetsOutput = z.infer<typeof ListBudgetsOutput>;
export const SetBudgetOutput = z.object({ budget: BudgetView.describe("The cap as saved") });
export type SetBudgetOutput = z.infer<typeof SetBudgetOutput>;
