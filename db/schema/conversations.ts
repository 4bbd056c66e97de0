import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { users } from "./users";

/** A chat thread of one user, optionally filed under a project the user belongs to. */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversations_user_updated_idx").on(t.userId, t.updatedAt)],
);

/** What the router decided and measured for an assistant message (shown as its badge). */
export interface MessageMeta {
  taskType?: string;
  confidence?: number;
  model?: string;
  provider?: string;
  reason?: string;
  cache?: string;
  costUsd?: number;
  latencyMs?: number;
  ttftMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  fallbacks?: number;
  /** The models that failed before the one that answered, and why (absent on older answers). */
  fallbacksTried?: { model: string; errorClass: string }[];
  /** Set on an answer asked for again ("Retry with …"): the model asked for. */
  retry?: { model: string };
  /** Set when the answer did not complete: the text is what arrived before the failure. */
  error?: { code: string; message: string };
}

export const chatMessages = pgTable(
  "chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Insertion order: timestamps tie inside one transaction. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull(),
    meta: jsonb("meta").$type<MessageMeta>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("chat_messages_conversation_seq_idx").on(t.conversationId, t.seq),
    check("chat_messages_role_valid", sql`${t.role} in ('user', 'assistant')`),
  ],
);

export type Conversation = typeof conversations.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;
