// Value lists shared by the tables and the UI. No imports here: client bundles pull this file in
// (through lib/*/schemas), and must not pull drizzle or the tables with it.

/** Where an AI request came from: the chat UI, the API, a workflow step, an MCP tool. */
export const REQUEST_SOURCES = ["chat", "api", "workflow", "mcp"] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

export const PROJECT_ROLES = ["owner", "editor", "viewer"] as const;

export const FIELD_TYPES = ["text", "number", "boolean", "date", "select", "json"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A column of a user-defined database. Records key their values by `id`, so a rename touches no record. */
export interface FieldDef {
  id: string;
  name: string;
  type: FieldType;
  required: boolean;
  unique: boolean;
  default?: unknown;
  /** `select` only: the allowed values. */
  options?: string[];
}

/** A workflow run: queued → running → waiting_approval → succeeded | failed | cancelled. */
export const RUN_STATUSES = [
  "queued",
  "running",
  "waiting_approval",
  "succeeded",
  "failed",
  "cancelled",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ["manual", "webhook", "schedule", "rerun"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
/** `interrupted`: started, not finished when its worker died, and not safe to repeat. */
export const STEP_STATUSES = [
  "running",
  "waiting",
  "succeeded",
  "failed",
  "skipped",
  "interrupted",
  "cancelled",
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const APPROVAL_STATUSES = [
  "pending",
  "approved",
  "rejected",
  "timed_out",
  "cancelled",
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
