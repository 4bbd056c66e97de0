import "server-only";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import type { Scope } from "../context";
import type { ChangeFeed } from "../db/changes";
import type { Logger } from "../log";
import { setNewest } from "./bounded-map";
import {
  lastKnownOr,
  USER_COLUMNS,
  type Entry,
  type PrincipalCache,
  type PrincipalKey,
  type PrincipalUser,
} from "./principal-types";
import { SessionRegistry } from "./session-registry";

export type { PrincipalCache, PrincipalKey, PrincipalUser };

/**
 * Users and API keys as the gateway's hot path reads them: from memory, loaded from the database
 * on first use, so an API call costs no query. Correctness comes from invalidation, not expiry:
 * the service that revokes a key, disables a user or changes a role drops the entry here at
 * once, and the change feed (NOTIFY from the database triggers) drops it in every other process
 * on the same database within milliseconds; while the feed is not live nothing is kept. Entries
 * are still re-read after `maxAgeMs` as a backstop, and the maps are bounded.
 *
 * `last_used_at` is written in batches (at most once a minute per key), not per request.
 */
export class Principals implements PrincipalCache {
  private readonly keys = new Map<string, Entry<PrincipalKey>>();
  private readonly keyHashById = new Map<string, string>();
  private readonly users = new Map<string, Entry<PrincipalUser>>();
  private readonly loadingKeys = new Map<
    string,
    Promise<{ key: PrincipalKey; user: PrincipalUser } | undefined>
  >();
  private readonly loadingUsers = new Map<string, Promise<PrincipalUser | undefined>>();
  /** Bumped by every invalidation: a load that started before it is not kept. */
  private generation = 0;
  private readonly touched = new Map<string, Date>();
  private readonly lastWritten = new Map<string, number>();
  private touchTimer?: NodeJS.Timeout;
  /** Which browser sessions are live: the same cache contract, keyed by session id. */
  readonly sessions: SessionRegistry;
  /**
   * What each key (by hash) and user was at its last successful read, kept through a feed reset
   * and used only when the database cannot be reached: the gateway goes on answering known keys
   * during an outage. Dropped by every invalidation of the row; past 15 min (lastKnownOr), unused.
   */
  private readonly lastKeys = new Map<string, Entry<{ key: PrincipalKey; user: PrincipalUser }>>();
  private readonly lastUsers = new Map<string, Entry<PrincipalUser>>();

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly feed: ChangeFeed | undefined,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly opts = { maxEntries: 20_000, maxAgeMs: 60_000, touchIntervalMs: 5_000 },
  ) {
    this.sessions = new SessionRegistry(db, feed, log, now, opts);
    feed?.subscribe(
      ["users", "api_keys"],
      (c) => {
        if (c.table === "users") this.forgetUser(c.id);
        else if (c.id === "*") this.clear();
        else this.forgetKey(c.id);
      },
      () => this.clearFresh(),
    );
  }

  /** The last-known value when `err` says the database is away and one is recent enough. */
  private lastKnown<T>(map: Map<string, Entry<T>>, id: string, err: unknown): T {
    const value = lastKnownOr(map.get(id), err, this.now());
    this.log.warn({ err }, "database unreachable; authenticating from the last-known record");
    return value;
  }

  private get caching(): boolean {
    return this.feed?.live ?? false;
  }

  /** An entry is used only while the feed is live (a change could have been missed otherwise). */
  private fresh<T>(e: Entry<T> | undefined): e is Entry<T> {
    return e !== undefined && this.caching && this.now() - e.at <= this.opts.maxAgeMs;
  }

  private keep<K, T>(map: Map<K, Entry<T>>, key: K, value: T): void {
    setNewest(map, key, { value, at: this.now() }, this.opts.maxEntries);
  }

  /** The key with this hash and its user, or undefined if there is no such key. */
  async keyByHash(hash: string): Promise<{ key: PrincipalKey; user: PrincipalUser } | undefined> {
    void this.feed?.ensure();
    const cached = this.keys.get(hash);
    if (!this.fresh(cached)) return this.loadKey(hash); // the key and its user, one query
    const key = cached.value;
    const user = await this.user(key.userId);
    return user ? { key, user } : undefined;
  }

  async user(id: string): Promise<PrincipalUser | undefined> {
    void this.feed?.ensure();
    const cached = this.users.get(id);
    if (this.fresh(cached)) return cached.value;
    let loading = this.loadingUsers.get(id);
    if (!loading) {
      const generation = this.generation;
      loading = (async () => {
        try {
          let row: PrincipalUser | undefined;
          try {
            [row] = await (
              await this.db()
            )
              .select(USER_COLUMNS)
              .from(users)
              .where(eq(users.id, id));
          } catch (err) {
            return this.lastKnown(this.lastUsers, id, err);
          }
          if (row && generation === this.generation) {
            if (this.caching) this.keep(this.users, id, row);
            this.keep(this.lastUsers, id, row);
          }
          return row;
        } finally {
          if (this.loadingUsers.get(id) === loading) this.loadingUsers.delete(id);
        }
      })();
      this.loadingUsers.set(id, loading);
    }
    return loading;
  }

  private loadKey(hash: string): Promise<{ key: PrincipalKey; user: PrincipalUser } | undefined> {
    let loading = this.loadingKeys.get(hash);
    if (loading) return loading;
    const generation = this.generation;
    loading = (async () => {
      try {
        let found;
        try {
          found = await this.selectKey(hash);
        } catch (err) {
          return this.lastKnown(this.lastKeys, hash, err);
        }
        const [row] = found;
        if (!row) return undefined;
        const { lastUsedAt, ...rest } = row.key;
        const key: PrincipalKey = { ...rest, scopes: rest.scopes as Scope[] };
        if (lastUsedAt) this.lastWritten.set(key.id, lastUsedAt.getTime());
        if (generation === this.generation) {
          this.keyHashById.set(key.id, hash);
          this.keep(this.lastKeys, hash, { key, user: row.user });
          this.keep(this.lastUsers, row.user.id, row.user);
          if (this.caching) {
            this.keep(this.keys, hash, key);
            this.keep(this.users, row.user.id, row.user);
          }
        }
        return { key, user: row.user };
      } finally {
        if (this.loadingKeys.get(hash) === loading) this.loadingKeys.delete(hash);
      }
    })();
    this.loadingKeys.set(hash, loading);
    return loading;
  }

  private async selectKey(hash: string) {
    return (await this.db())
      .select({
        key: {
          id: apiKeys.id,
          userId: apiKeys.userId,
          scopes: apiKeys.scopes,
          revokedAt: apiKeys.revokedAt,
          expiresAt: apiKeys.expiresAt,
          lastUsedAt: apiKeys.lastUsedAt,
        },
        user: USER_COLUMNS,
      })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(eq(apiKeys.keyHash, hash));
  }

  // Invalidation also drops loads in flight: a request arriving after it must not join a read
  // that began before the change.
  forgetUser(id: string): void {
    this.generation++;
    this.users.delete(id);
    this.lastUsers.delete(id);
    for (const [hash, e] of this.lastKeys) if (e.value.user.id === id) this.lastKeys.delete(hash);
    this.loadingUsers.delete(id);
    this.loadingKeys.clear(); // a key's load brings its user too
  }

  forgetKey(id: string): void {
    this.generation++;
    this.loadingKeys.clear();
    const hash = this.keyHashById.get(id);
    this.keyHashById.delete(id);
    if (hash) this.keys.delete(hash);
    if (hash) this.lastKeys.delete(hash);
  }

  /** Everything, the last-known records too (every key changed at once). */
  clear(): void {
    this.lastKeys.clear();
    this.lastUsers.clear();
    this.clearFresh();
  }

  /** The feed was reset: nothing is trusted as current; last-known records stay for outages. */
  private clearFresh(): void {
    this.generation++;
    this.loadingUsers.clear();
    this.loadingKeys.clear();
    this.users.clear();
    this.keys.clear();
    this.keyHashById.clear();
  }

  /**
   * Notes that a key was used: `last_used_at` moves at most once a minute per key, written in
   * one batched UPDATE every few seconds (and on shutdown), never by the request itself.
   */
  touch(keyId: string, at: Date): void {
    const last = this.lastWritten.get(keyId);
    if (last !== undefined && at.getTime() - last < 60_000) return;
    this.lastWritten.set(keyId, at.getTime());
    this.touched.set(keyId, at);
    this.touchTimer ??= setTimeout(() => void this.flush(), this.opts.touchIntervalMs).unref();
  }

  /** Writes the pending `last_used_at` values: one UPDATE, with the latest time of the batch. */
  async flush(): Promise<void> {
    await this.sessions.flush();
    clearTimeout(this.touchTimer);
    this.touchTimer = undefined;
    if (this.touched.size === 0) return;
    const batch = [...this.touched];
    this.touched.clear();
    const latest = new Date(Math.max(...batch.map(([, at]) => at.getTime())));
    const ids = batch.map(([id]) => id);
    try {
      await (
        await this.db()
      )
        .update(apiKeys)
        .set({ lastUsedAt: latest })
        .where(
          and(
            inArray(apiKeys.id, ids),
            or(
              isNull(apiKeys.lastUsedAt),
              lt(apiKeys.lastUsedAt, sql`${latest.toISOString()}::timestamptz`),
            ),
          ),
        );
    } catch (err) {
      this.log.warn({ err, keys: ids.length }, "could not record API key use; retrying later");
      for (const [id, at] of batch) if (!this.touched.has(id)) this.touched.set(id, at);
      this.touchTimer ??= setTimeout(() => void this.flush(), this.opts.touchIntervalMs).unref();
    }
  }
}
