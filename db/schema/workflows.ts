import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { users } from "./users";
import {
  APPROVAL_STATUSES,
  PROJECT_ROLES,
  RUN_STATUSES,
  RUN_TRIGGERS,
  STEP_STATUSES,
} from "./enums";

/** The graph as stored: validated by lib/workflows/graph.ts on every write, opaque here. */
export type StoredGraph = { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };

/**
 * A workflow of a project: its editable draft and, once published, the version runs use.
 * `draftRevision` increments on each save so a stale editor's save is refused (409).
 */
export const workflows = pgTable(
  "workflows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    draft: jsonb("draft").$type<StoredGraph>().notNull(),
    draftRevision: integer("draft_revision").notNull().default(1),
    /** The version runs start on (null: never published, only drafts can be test-run). */
    publishedVersion: integer("published_version"),
    /** The lowest project role that may start runs. */
    runRole: text("run_role", { enum: PROJECT_ROLES }).notNull().default("editor"),
    /** The triggers that may start runs of the published version (manual is always the API/UI). */
    triggers: jsonb("triggers")
      .$type<("manual" | "webhook" | "schedule")[]>()
      .notNull()
      .default(["manual"]),
    /**
     * The webhook secret, sealed with a key derived from SECRET_KEY (AES-256-GCM): HMAC checks
     * need the secret itself. Shown once, when it is made.
     */
    webhookSecret: text("webhook_secret_sealed"),
    /** The user schedules and webhooks act for (the last publisher). */
    triggerUserId: uuid("trigger_user_id").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("workflows_project_name_idx").on(t.projectId, sql`lower(${t.name})`),
    check("workflows_run_role_valid", sql`${t.runRole} in ('owner', 'editor', 'viewer')`),
  ],
);

/** An immutable published graph: runs pin the version they ran. */
export const workflowVersions = pgTable(
  "workflow_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    graph: jsonb("graph").$type<StoredGraph>().notNull(),
    /** SHA-256 of the canonical graph JSON: two versions with one hash are the same graph. */
    graphHash: text("graph_hash").notNull(),
    message: text("message").notNull().default(""),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workflow_versions_number_idx").on(t.workflowId, t.number)],
);

/**
 * One execution of a version. The worker holding it has a lease (`leaseOwner` until
 * `leaseUntil`, renewed while it works); an expired lease means the worker died and any
 * instance may take the run over from its last checkpoint.
 */
export const workflowRuns = pgTable(
  "workflow_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** null: a test run of the draft (its graph is kept in `graph`). */
    versionNumber: integer("version_number"),
    graph: jsonb("graph").$type<StoredGraph>().notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull().default("queued"),
    trigger: text("trigger", { enum: RUN_TRIGGERS }).notNull(),
    input: jsonb("input").notNull(),
    output: jsonb("output"),
    error: jsonb("error").$type<{ code: string; message: string; nodeId?: string }>(),
    /** Who started it (or, for webhooks and schedules, the user they act for). */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    idempotencyKey: text("idempotency_key"),
    idempotencyHash: text("idempotency_hash"),
    /** Re-run from a failed step: the run whose earlier outputs this one reuses. */
    rerunOf: uuid("rerun_of"),
    stepCount: integer("step_count").notNull().default(0),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** The earliest time a waiting run needs its worker again (a delay or an approval timeout). */
    wakeAt: timestamp("wake_at", { withTimezone: true }),
    costUsd: numeric("cost_usd", { precision: 14, scale: 6 }).notNull().default("0"),
    tokens: integer("tokens").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("workflow_runs_workflow_created_idx").on(t.workflowId, t.createdAt),
    index("workflow_runs_project_status_idx").on(t.projectId, t.status),
    index("workflow_runs_active_idx")
      .on(t.leaseUntil)
      .where(sql`${t.status} in ('queued', 'running')`),
    uniqueIndex("workflow_runs_idempotency_idx")
      .on(t.workflowId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    check(
      "workflow_runs_status_valid",
      sql`${t.status} in ('queued', 'running', 'waiting_approval', 'succeeded', 'failed', 'cancelled')`,
    ),
  ],
);

/**
 * One node's execution in a run (`itemPath` names the iteration inside iterate nodes, "" at the
 * top level). Written when the step starts and when it ends, before its successors are scheduled.
 */
export const workflowSteps = pgTable(
  "workflow_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    itemPath: text("item_path").notNull().default(""),
    nodeType: text("node_type").notNull(),
    status: text("status", { enum: STEP_STATUSES }).notNull(),
    attempt: integer("attempt").notNull().default(1),
    input: jsonb("input"),
    output: jsonb("output"),
    /** The output handle taken (condition, switch, approval, error branch). */
    branch: text("branch"),
    error: jsonb("error").$type<{ code: string; message: string }>(),
    tokens: integer("tokens").notNull().default(0),
    costUsd: numeric("cost_usd", { precision: 14, scale: 6 }).notNull().default("0"),
    /** Copied from an earlier run by a re-run (not executed again). */
    reused: boolean("reused").notNull().default(false),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
  },
  (t) => [uniqueIndex("workflow_steps_node_idx").on(t.runId, t.nodeId, t.itemPath)],
);

/** A human decision a run waits for. */
export const workflowApprovals = pgTable(
  "workflow_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    itemPath: text("item_path").notNull().default(""),
    /** The lowest project role that may decide. */
    role: text("role", { enum: PROJECT_ROLES }).notNull(),
    prompt: text("prompt").notNull().default(""),
    status: text("status", { enum: APPROVAL_STATUSES }).notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    comment: text("comment"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("workflow_approvals_step_idx").on(t.runId, t.nodeId, t.itemPath),
    index("workflow_approvals_pending_idx")
      .on(t.projectId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** The run's event stream (step started/finished, status changes), read by the live view. */
export const workflowRunEvents = pgTable(
  "workflow_run_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid("run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("workflow_run_events_run_idx").on(t.runId, t.id)],
);

export type WorkflowRow = typeof workflows.$inferSelect;
export type WorkflowVersionRow = typeof workflowVersions.$inferSelect;
export type WorkflowRunRow = typeof workflowRuns.$inferSelect;
export type WorkflowStepRow = typeof workflowSteps.$inferSelect;
export type WorkflowApprovalRow = typeof workflowApprovals.$inferSelect;
