import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions } from "@/db/schema";
import type { ChangeFeed } from "../db/changes";
import { lastKnownOr } from "./principal-types";
import type { Logger } from "../log";
import { setNewest } from "./bounded-map";

/** `last_seen_at` moves at most this often per session. */
const SEEN_EVERY_MS = 60_000;

interface LiveSession {
  userId: string;
  revoked: boolean;
}

interface Seen {
  at: Date;
  /** Set when the cookie was re-issued: the session now lasts until then. */
  expiresAt?: Date;
}

/**
 * Which sessions are live, as the hot path reads it: from memory, loaded on first use, dropped
 * by the service that revokes a session and, in every other process on the database, by the
 * change feed (the 0008 triggers) — the same contract as the user and key cache
 * (principals.ts): nothing is kept while the feed is down, and entries are re-read after
 * `maxAgeMs` as a backstop. A revoked session is cached as revoked: it never comes back.
 * `last_seen_at` moves at most once a minute per session, written in batches.
 */
export class SessionRegistry {
  private readonly entries = new Map<string, { value: LiveSession; at: number }>();
  private readonly loading = new Map<string, Promise<LiveSession | undefined>>();
  /** Each session as last read, kept through a feed reset, used only while the database is away. */
  private readonly lastKnown = new Map<string, { value: LiveSession; at: number }>();
  private generation = 0;
  private readonly seen = new Map<string, Seen>();
  private readonly lastWritten = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly feed: ChangeFeed | undefined,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly opts = { maxEntries: 20_000, maxAgeMs: 60_000, touchIntervalMs: 5_000 },
  ) {
    feed?.subscribe(
      ["sessions"],
      (c) => (c.id === "*" ? this.clear() : this.forget(c.id)),
      () => this.clearFresh(),
    );
  }

  /** Whether session `id` exists, belongs to `userId` and has not been revoked. */
  async isLive(id: string, userId: string): Promise<boolean> {
    void this.feed?.ensure();
    const cached = this.entries.get(id);
    const caching = this.feed?.live ?? false;
    const session =
      cached && caching && this.now() - cached.at <= this.opts.maxAgeMs
        ? cached.value
        : await this.load(id);
    return session !== undefined && !session.revoked && session.userId === userId;
  }

  private load(id: string): Promise<LiveSession | undefined> {
    let loading = this.loading.get(id);
    if (loading) return loading;
    const generation = this.generation;
    loading = (async () => {
      try {
        let row: { userId: string; revokedAt: Date | null } | undefined;
        try {
          [row] = await (
            await this.db()
          )
            .select({ userId: sessions.userId, revokedAt: sessions.revokedAt })
            .from(sessions)
            .where(eq(sessions.id, id));
        } catch (err) {
          return lastKnownOr(this.lastKnown.get(id), err, this.now());
        }
        if (!row) return undefined;
        const value = { userId: row.userId, revoked: row.revokedAt !== null };
        if (generation === this.generation) {
          const entry = { value, at: this.now() };
          setNewest(this.lastKnown, id, entry, this.opts.maxEntries);
          if (this.feed?.live ?? false) setNewest(this.entries, id, entry, this.opts.maxEntries);
        }
        return value;
      } finally {
        if (this.loading.get(id) === loading) this.loading.delete(id);
      }
    })();
    this.loading.set(id, loading);
    return loading;
  }

  /** Drops session `id` (revoked here or elsewhere), and any load of it in flight. */
  forget(id: string): void {
    this.generation++;
    this.entries.delete(id);
    this.lastKnown.delete(id);
    this.loading.delete(id);
  }

  clear(): void {
    this.lastKnown.clear();
    this.clearFresh();
  }

  /** The feed was reset: nothing counts as current; last-known sessions stay for outages. */
  private clearFresh(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  /** Notes that a session was used (and, when its cookie was re-issued, until when it lasts). */
  touch(id: string, at: Date, expiresAt?: Date): void {
    const last = this.lastWritten.get(id);
    if (!expiresAt && last !== undefined && at.getTime() - last < SEEN_EVERY_MS) return;
    setNewest(this.lastWritten, id, at.getTime(), this.opts.maxEntries);
    const before = this.seen.get(id);
    this.seen.set(id, { at, expiresAt: expiresAt ?? before?.expiresAt });
    this.timer ??= setTimeout(() => void this.flush(), this.opts.touchIntervalMs).unref();
  }

  /** Writes the pending `last_seen_at` (and `expires_at`) values, one short transaction. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.seen.size === 0) return;
    const batch = [...this.seen];
    this.seen.clear();
    try {
      await (
        await this.db()
      ).transaction(async (tx) => {
        for (const [id, { at, expiresAt }] of batch)
          await tx
            .update(sessions)
            .set(expiresAt ? { lastSeenAt: at, expiresAt } : { lastSeenAt: at })
            .where(eq(sessions.id, id));
      });
    } catch (err) {
      this.log.warn(
        { err, sessions: batch.length },
        "could not record session use; retrying later",
      );
      for (const [id, seen] of batch) if (!this.seen.has(id)) this.seen.set(id, seen);
      this.timer ??= setTimeout(() => void this.flush(), this.opts.touchIntervalMs).unref();
    }
  }
}
