import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Admin edits to the model catalogue. A row overrides the shipped default of the same id (price,
 * context window, capabilities, tier) or adds a model; `enabled = false` hides it from routing.
 */
export const aiModels = pgTable(
  "ai_models",
  {
    id: text("id").primaryKey(),
    provider: text("provider").notNull(),
    inputPerMTok: doublePrecision("input_per_mtok").notNull(),
    outputPerMTok: doublePrecision("output_per_mtok").notNull(),
    contextWindow: integer("context_window").notNull(),
    capabilities: jsonb("capabilities").$type<string[]>().notNull().default([]),
    quality: integer("quality").notNull(),
    latency: integer("latency").notNull().default(2),
    enabled: boolean("enabled").notNull().default(true),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("ai_models_quality_valid", sql`${t.quality} between 1 and 3`),
    check("ai_models_latency_valid", sql`${t.latency} between 1 and 3`),
  ],
);

export type AiModelRow = typeof aiModels.$inferSelect;

export const BUDGET_SCOPES = ["user", "project"] as const;
export const BUDGET_PERIODS = ["day", "month"] as const;
export const BUDGET_ACTIONS = ["reject", "downgrade"] as const;

/** Optional spending caps in USD per user or project and period (UTC day / calendar month). */
export const aiBudgets = pgTable(
  "ai_budgets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: text("scope", { enum: BUDGET_SCOPES }).notNull(),
    subjectId: uuid("subject_id").notNull(),
    period: text("period", { enum: BUDGET_PERIODS }).notNull(),
    limitUsd: doublePrecision("limit_usd").notNull(),
    onExceed: text("on_exceed", { enum: BUDGET_ACTIONS }).notNull().default("reject"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ai_budgets_subject_period_idx").on(t.scope, t.subjectId, t.period),
    check("ai_budgets_scope_valid", sql`${t.scope} in ('user', 'project')`),
    check("ai_budgets_period_valid", sql`${t.period} in ('day', 'month')`),
    check("ai_budgets_action_valid", sql`${t.onExceed} in ('reject', 'downgrade')`),
    check("ai_budgets_limit_valid", sql`${t.limitUsd} >= 0`),
  ],
);

export type AiBudget = typeof aiBudgets.$inferSelect;
