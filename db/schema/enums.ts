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
