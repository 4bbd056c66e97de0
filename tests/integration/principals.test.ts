import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { apiKeys, sessions, users } from "@/db/schema";
import { generateApiKey } from "@/lib/api-keys/token";
import { Principals } from "@/lib/auth/principals";
import { ChangeFeed } from "@/lib/db/changes";
import { fixedDatabase } from "@/lib/db";
import { committedDatabase, testLog } from "../helpers/db";

// The hot path's user and key cache against the real database, committed rows and real
// LISTEN/NOTIFY (PGlite here, PostgreSQL in CI): two caches stand for two processes.
let handle: DatabaseHandle;
let db: Db;
const feeds: ChangeFeed[] = [];
beforeAll(async () => {
  handle = await committedDatabase();
  db = handle.db;
});
afterAll(async () => {
  for (const f of feeds) await f.close();
  await handle.close();
});

async function cacheOf(counter = { loads: 0 }) {
  const feed = new ChangeFeed(fixedDatabase(handle), testLog);
  feeds.push(feed);
  await feed.ensure();
  const principals = new Principals(
    async () => (counter.loads++, handle.db),
    feed,
    testLog,
    () => Date.now(),
  );
  return { principals, feed, counter };
}

async function userWithKey(role: "admin" | "member" = "member") {
  const [user] = await db
    .insert(users)
    .values({ email: `p-${randomUUID()}@example.com`, passwordHash: "x", role })
    .returning();
  const k = generateApiKey();
  const [key] = await db
    .insert(apiKeys)
    .values({ userId: user!.id, name: "t", prefix: k.prefix, keyHash: k.hash, scopes: ["read"] })
    .returning();
  return { user: user!, key: key!, hash: k.hash };
}

async function within(ms: number, ok: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await ok()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not within ${ms} ms`);
}

describe("principal cache", () => {
  it("serves a key and its user from memory once loaded: no query per call", async () => {
    const { principals, counter } = await cacheOf();
    const { hash, user } = await userWithKey();
    expect((await principals.keyByHash(hash))?.user.id).toBe(user.id);
    const loads = counter.loads;
    for (let i = 0; i < 50; i++)
      expect((await principals.keyByHash(hash))?.key.revokedAt).toBeNull();
    expect(counter.loads).toBe(loads);
  });

  it("a key revoked in one process is refused by another within a second (NOTIFY at commit)", async () => {
    const a = await cacheOf();
    const b = await cacheOf();
    const { hash, key } = await userWithKey();
    expect((await b.principals.keyByHash(hash))?.key.revokedAt).toBeNull(); // B has it cached
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, key.id));
    const took = await within(1_000, async () =>
      Boolean((await b.principals.keyByHash(hash))?.key.revokedAt),
    );
    expect(took).toBeLessThan(1_000);
    expect((await a.principals.keyByHash(hash))?.key.revokedAt).not.toBeNull();
  });

  it("disabling a user or changing the role reaches every cache within a second", async () => {
    const b = await cacheOf();
    const { hash, user } = await userWithKey("admin");
    expect((await b.principals.keyByHash(hash))?.user.role).toBe("admin");
    await db.update(users).set({ role: "member" }).where(eq(users.id, user.id));
    await within(1_000, async () => (await b.principals.keyByHash(hash))?.user.role === "member");
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    await within(1_000, async () => Boolean((await b.principals.keyByHash(hash))?.user.disabledAt));
  });

  it("last use moves last_used_at only in batches, at most once a minute per key", async () => {
    const { principals } = await cacheOf();
    const { key } = await userWithKey();
    const at = new Date();
    principals.touch(key.id, at);
    principals.touch(key.id, new Date(at.getTime() + 1_000)); // within the minute: nothing new
    const [before] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(before!.lastUsedAt).toBeNull(); // not written by the request
    await principals.flush();
    const [after] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(after!.lastUsedAt?.getTime()).toBe(at.getTime());
  });

  it("keeps nothing while the change feed is down (it could miss a revocation)", async () => {
    const counter = { loads: 0 };
    const down = new ChangeFeed(
      fixedDatabase({ ...handle, listen: async () => async () => {} }),
      testLog,
    );
    const principals = new Principals(
      async () => (counter.loads++, handle.db),
      down,
      testLog,
      () => Date.now(),
    );
    const { hash } = await userWithKey();
    await principals.keyByHash(hash);
    await principals.keyByHash(hash);
    expect(counter.loads).toBe(2); // each call reads the key and its user again (one query)
  });

  it("a LISTEN that went deaf is noticed by its missing heartbeat: nothing is served from memory", async () => {
    // Connects, then never delivers anything (a half-open socket, a transaction pooler).
    const deaf = new ChangeFeed(
      fixedDatabase({
        ...handle,
        listen: async (_channel, _onMessage, onConnect) => (onConnect?.(), async () => {}),
      }),
      testLog,
    );
    feeds.push(deaf);
    await deaf.ensure();
    const principals = new Principals(
      async () => handle.db,
      deaf,
      testLog,
      () => Date.now(),
    );
    const { hash, key } = await userWithKey();
    expect(deaf.live).toBe(true);
    await principals.keyByHash(hash);
    await new Promise((r) => setTimeout(r, 3_300)); // its own heartbeats never came back
    expect(deaf.live).toBe(false);
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, key.id));
    expect((await principals.keyByHash(hash))?.key.revokedAt).not.toBeNull();
  });

  it("a request after an invalidation never joins a read that began before it", async () => {
    const { user } = await userWithKey();
    const before = (await db.select().from(users).where(eq(users.id, user.id)))[0]!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    // The first read has its (old) row but is slow to return it; later reads are the database.
    const slowFirst = {
      select: () => ({ from: () => ({ where: async () => (await gate, [before]) }) }),
    } as unknown as Db;
    const feed = new ChangeFeed(fixedDatabase(handle), testLog);
    feeds.push(feed);
    await feed.ensure();
    const principals = new Principals(
      async () => (++calls === 1 ? slowFirst : handle.db),
      feed,
      testLog,
      () => Date.now(),
    );
    const stale = principals.user(user.id);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    principals.forgetUser(user.id);
    const after = principals.user(user.id);
    release();
    expect((await after)?.disabledAt).not.toBeNull();
    expect((await stale)?.disabledAt).toBeNull(); // the old read still answers its own caller
  });

  it("a session signed out in one process is refused by another within a second", async () => {
    const a = await cacheOf();
    const b = await cacheOf();
    const { user } = await userWithKey();
    const [row] = await db
      .insert(sessions)
      .values({ userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) })
      .returning();
    expect(await b.principals.sessions.isLive(row!.id, user.id)).toBe(true);
    const loads = b.counter.loads;
    for (let i = 0; i < 20; i++) await b.principals.sessions.isLive(row!.id, user.id);
    expect(b.counter.loads).toBe(loads); // served from memory: no query per request
    expect(await b.principals.sessions.isLive(row!.id, randomUUID())).toBe(false); // not theirs
    await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, row!.id));
    a.principals.sessions.forget(row!.id); // what the revoking service does in its own process
    expect(await a.principals.sessions.isLive(row!.id, user.id)).toBe(false);
    const took = await within(
      1_000,
      async () => !(await b.principals.sessions.isLive(row!.id, user.id)),
    );
    expect(took).toBeLessThan(1_000);
  });

  it("session use moves last_seen_at in batches, and a re-issued cookie moves expires_at", async () => {
    const { principals } = await cacheOf();
    const { user } = await userWithKey();
    const created = new Date(Date.now() - 120_000);
    const [row] = await db
      .insert(sessions)
      .values({
        userId: user.id,
        createdAt: created,
        lastSeenAt: created,
        expiresAt: new Date(Date.now() + 60_000),
      })
      .returning();
    const at = new Date();
    principals.sessions.touch(row!.id, at);
    principals.sessions.touch(row!.id, new Date(at.getTime() + 1_000)); // within the minute
    const later = new Date(at.getTime() + 7 * 86_400_000);
    expect(
      (await db.select().from(sessions).where(eq(sessions.id, row!.id)))[0]!.lastSeenAt,
    ).toEqual(created);
    await principals.flush();
    const [after] = await db.select().from(sessions).where(eq(sessions.id, row!.id));
    expect(after!.lastSeenAt.getTime()).toBe(at.getTime());
    principals.sessions.touch(row!.id, new Date(at.getTime() + 2_000), later);
    await principals.flush();
    const [refreshed] = await db.select().from(sessions).where(eq(sessions.id, row!.id));
    expect(refreshed!.expiresAt.getTime()).toBe(later.getTime());
  });
});
