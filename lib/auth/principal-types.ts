import "server-only";
import { users } from "@/db/schema";
import type { Role, Scope, Tier } from "../context";
import { isInfrastructureError } from "../errors";
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

/** How old a last-known key, user or session may be to authenticate while the database is away. */
const LAST_KNOWN_MS = 15 * 60_000;

/**
 * A lookup failed with `err`: the last-known value when the database is away and `entry` is
 * recent enough, else `err` again. The hot path's caches keep these through a feed reset.
 */
export function lastKnownOr<T>(entry: Entry<T> | undefined, err: unknown, now: number): T {
  if (!entry || !isInfrastructureError(err) || now - entry.at > LAST_KNOWN_MS) throw err;
  return entry.value;
}
