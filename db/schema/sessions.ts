import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Signed-in browser sessions. The session cookie (a JWE) carries the row's id; a session counts
 * only while its row exists, is not revoked and its user's token version still matches, so
 * signing out ends it on the server, one device at a time.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The browser's User-Agent at sign-in (shortened), to tell sessions apart in the list. */
    userAgent: text("user_agent"),
    /** The client address at sign-in. */
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Moved at most once a minute, in batches. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the cookie expires unless it is refreshed (each refresh moves this on). */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId, t.lastSeenAt)],
);

export type Session = typeof sessions.$inferSelect;
