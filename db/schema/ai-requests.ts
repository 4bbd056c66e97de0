import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { REQUEST_SOURCES } from "./enums";
import { projects } from "./projects";
import { users } from "./users";

/** The cost ledger: one row per AI request (chat, API, workflows, MCP), success or failure. */
export const aiRequests = pgTable(
  "ai_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "set null" }),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    requestId: text("request_id"),
    taskType: text("task_type").notNull(),
    requestedModel: text("requested_model"),
    servedModel: text("served_model"),
    provider: text("provider"),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    costUsd: doublePrecision("cost_usd").notNull().default(0),
    latencyMs: integer("latency_ms").notNull(),
    ttftMs: integer("ttft_ms"),
    cached: boolean("cached").notNull().default(false),
    stream: boolean("stream").notNull().default(false),
    status: text("status", { enum: ["ok", "error"] }).notNull(),
    errorClass: text("error_class"),
    fallbackCount: integer("fallback_count").notNull().default(0),
    /** chat | api | workflow | mcp: set by the entry, never by the caller's input. */
    source: text("source", { enum: REQUEST_SOURCES }).notNull(),
    /** A workflow step's call (the workflow tables reference these once they exist). */
    workflowRunId: uuid("workflow_run_id"),
    workflowStepId: uuid("workflow_step_id"),
  },
  (t) => [
    index("ai_requests_created_at_idx").on(t.createdAt),
    index("ai_requests_user_created_idx").on(t.userId, t.createdAt),
    index("ai_requests_project_created_idx").on(t.projectId, t.createdAt),
    check("ai_requests_status_valid", sql`${t.status} in ('ok', 'error')`),
    check("ai_requests_source_valid", sql`${t.source} in ('chat', 'api', 'workflow', 'mcp')`),
    index("ai_requests_workflow_run_idx")
      .on(t.workflowRunId)
      .where(sql`${t.workflowRunId} is not null`),
  ],
);

export type AiRequest = typeof aiRequests.$inferSelect;
export type NewAiRequest = typeof aiRequests.$inferInsert;
