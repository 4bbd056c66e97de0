import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { users } from "./users";

import { PROJECT_ROLES } from "./enums";

export { PROJECT_ROLES };

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: PROJECT_ROLES }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    // "Which projects can this user see" is the hot query: every list starts from the member.
    index("project_members_user_id_idx").on(t.userId),
    check("project_members_role_valid", sql`${t.role} in ('owner', 'editor', 'viewer')`),
  ],
);

export type ProjectMember = typeof projectMembers.$inferSelect;
