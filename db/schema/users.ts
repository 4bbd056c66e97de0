import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const USER_ROLES = ["admin", "member", "viewer"] as const;
export const USER_TIERS = ["free", "premium"] as const;

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased; the unique index makes "A@x.io" and "a@x.io" one account. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull().default("member"),
    tier: text("tier", { enum: USER_TIERS }).notNull().default("free"),
    /** Bumped by password change and logout-everywhere; JWTs carrying an older value are refused. */
    tokenVersion: integer("token_version").notNull().default(0),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check("users_role_valid", sql`${t.role} in ('admin', 'member', 'viewer')`),
    check("users_tier_valid", sql`${t.tier} in ('free', 'premium')`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
