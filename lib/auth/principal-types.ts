import "server-only";
import { users } from "@/db/schema";
import type { Role, Scope, Tier } from "../context";
import type { SessionRegistry } from "./session-registry";

/** What authentication needs of a user row. */
export interface PrincipalUser {
  id: string;
  email: string;
  role: Role;
  tier: Tier;
  disabledAt: Date | null;
  tokenVersion: number;
}

/** What authentication needs of an API key row. */
export interface PrincipalKey {
  id: string;
  userId: string;
  scopes: Scope[];
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/** The cache as services see it: they drop what they changed, at once, in this process. */
export interface PrincipalCache {
  forgetUser(id: string): void;
  forgetKey(id: string): void;
  readonly sessions: Pick<SessionRegistry, "forget">;
}

export interface Entry<T> {
  value: T;
  at: number;
}

export const USER_COLUMNS = {
  id: users.id,
  email: users.email,
  role: users.role,
  tier: users.tier,
  disabledAt: users.disabledAt,
  tokenVersion: users.tokenVersion,
};
