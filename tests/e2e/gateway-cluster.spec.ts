import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startFakeProvider, type FakeProvider } from "../helpers/fake-provider";
import { remoteKey, remoteUser, type RemoteUser } from "../helpers/remote-user";
import { startNext, waitForHttp, type NextProcess } from "./helpers/next-server";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./helpers/pg-database";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy";

// Two server processes on one PostgreSQL, each with its own in-memory cache of users and keys:
// a change made through A must be honoured by B within a second (the LISTEN/NOTIFY feed), and
// by A on its very next request. B reaches PostgreSQL through a proxy, so a test can cut B's
// connections (an outage or a failover) without touching A's.
const A = "http://127.0.0.1:3241";
const B = "http://127.0.0.1:3242";
const PROXY_PORT = 3243;
const SECRET = "Qm8#vT2$kL9@pX4&wZ7!rN3^bH6*cJ1%fD5(gS0)yA2-eU8+iO4=uP7~tR3?lK9z";
const WITHIN_MS = 1000;

test.describe.configure({ mode: "serial" });

let db: ThrowawayDatabase;
let fake: FakeProvider;
let proxy: TcpProxy;
let a: NextProcess;
let b: NextProcess;
let admin: RemoteUser;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createThrowawayDatabase("aios_e2e_cluster");
  fake = await startFakeProvider({ apiKey: "sk-fake" });
  proxy = await startTcpProxy(PROXY_PORT, { host: "127.0.0.1", port: 5432 });
  const viaProxy = new URL(db.url);
  viaProxy.port = String(PROXY_PORT);
  const env = (databaseUrl: string) => ({
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "aios-e2e-cluster-")),
    SECRET_KEY: SECRET,
    LOG_LEVEL: "warn",
    OPENAI_API_KEY: "sk-fake",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    DB_CONNECT_TIMEOUT: "2",
    RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    RATE_LIMIT_AUTHENTICATED_PER_MINUTE: "100000",
  });
  a = startNext(3241, env(db.url));
  b = startNext(3242, env(viaProxy.toString()));
  for (const [server, base] of [
    [a, A],
    [b, B],
  ] as const)
    expect((await waitForHttp(server, `${base}/api/monitoring/health`, 90_000)).status).toBe(200);
  admin = await remoteUser(A);
  expect(admin.role).toBe("admin"); // the first account of the installation
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([fake?.close(), proxy?.close()]);
  await db?.drop();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const models = (base: string, key: string) =>
  fetch(`${base}/api/v1/models`, { headers: bearer(key) });
const chat = (base: string, key: string, text: string) =>
  fetch(`${base}/api/v1/chat/completions`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: text }] }),
  });
const adminUsers = (base: string, auth: { key?: string; session?: string }) =>
  fetch(`${base}/api/admin/users`, {
    headers: auth.key ? bearer(auth.key) : { cookie: auth.session! },
  });
const patchUser = (id: string, patch: object) =>
  fetch(`${A}/api/admin/users/${id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", cookie: admin.session, origin: A },
    body: JSON.stringify(patch),
  });
const revoke = (user: RemoteUser, keyId: string) =>
  fetch(`${A}/api/keys/${keyId}`, {
    method: "DELETE",
    headers: { cookie: user.session, origin: A },
  });

/** What /api/v1 answers a revoked key (OpenAI's envelope: the SDK raises AuthenticationError). */
const REVOKED = {
  error: {
    message: "Invalid, revoked or expired API key.",
    type: "authentication_error",
    param: null,
    code: "invalid_api_key",
  },
};

/**
 * Sends `probe` every ~50 ms until it answers `to`, and returns the milliseconds since `since`.
 * Every answer before that must be `from`: the change is seen late or not at all, never as
 * something else.
 */
async function msUntil(
  since: number,
  probe: () => Promise<Response>,
  from: number,
  to: number,
): Promise<number> {
  const statuses: number[] = [];
  while (performance.now() - since < 5_000) {
    const res = await probe();
    await res.body?.cancel();
    if (res.status === to) {
      expect(
        statuses.every((s) => s === from),
        `answers before ${to}: ${statuses}`,
      ).toBe(true);
      return Math.round(performance.now() - since);
    }
    statuses.push(res.status);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`still no ${to} after 5 s; answers: ${statuses.join(",")}`);
}

function report(what: string, ms: number) {
  test.info().annotations.push({ type: "propagation", description: `${what}: ${ms} ms` });
  console.log(`${what}: ${ms} ms`);
}

test("a key revoked through A is refused by B within 1 s, on the gateway and on Next's routes", async () => {
  const user = await remoteUser(A);
  const { key, id } = await remoteKey(A, user.session);
  // B has the key (and its user) cached: the gateway path, a completion, and a Next.js route.
  expect((await models(B, key)).status).toBe(200);
  const done = await chat(B, key, "before the revocation");
  expect(done.status).toBe(200);
  expect((await done.json()).choices[0].message.content).toBe("echo: before the revocation");
  expect((await fetch(`${B}/api/projects`, { headers: bearer(key) })).status).toBe(200);
  expect((await models(B, key)).status).toBe(200);

  const t0 = performance.now();
  expect((await revoke(user, id)).status).toBe(200);
  const ms = await msUntil(t0, () => models(B, key), 200, 401);
  report("revoked key refused by the other process", ms);
  expect(ms).toBeLessThan(WITHIN_MS);

  const refused = await models(B, key);
  expect(refused.status).toBe(401);
  expect(await refused.json()).toEqual(REVOKED);
  expect((await chat(B, key, "after the revocation")).status).toBe(401);
  expect((await fetch(`${B}/api/projects`, { headers: bearer(key) })).status).toBe(401);
});

test("a key revoked through A is refused by A on the very next request", async () => {
  const user = await remoteUser(A);
  const { key, id } = await remoteKey(A, user.session);
  expect((await models(A, key)).status).toBe(200);
  expect((await chat(A, key, "cached here")).status).toBe(200);

  expect((await revoke(user, id)).status).toBe(200);
  const next = await models(A, key);
  expect(next.status).toBe(401);
  expect(await next.json()).toEqual(REVOKED);
  expect((await chat(A, key, "refused here")).status).toBe(401);
});

test("a user disabled by an admin on A: their key and session stop working on B within 1 s", async () => {
  const user = await remoteUser(A);
  const { key } = await remoteKey(A, user.session);
  expect((await models(B, key)).status).toBe(200);
  expect((await fetch(`${B}/api/auth/me`, { headers: { cookie: user.session } })).status).toBe(200);

  const t0 = performance.now();
  const res = await patchUser(user.id, { disabled: true });
  expect(res.status).toBe(200);
  expect((await res.json()).user).toMatchObject({ id: user.id, disabled: true });
  const ms = await msUntil(t0, () => models(B, key), 200, 401);
  report("disabled user's key refused by the other process", ms);
  expect(ms).toBeLessThan(WITHIN_MS);

  expect(await (await models(B, key)).json()).toEqual(REVOKED);
  expect((await fetch(`${B}/api/auth/me`, { headers: { cookie: user.session } })).status).toBe(401);
});

test("a role change on A is seen by B within 1 s: demoted loses the admin API, promoted gains it", async () => {
  const user = await remoteUser(A);
  expect((await patchUser(user.id, { role: "admin" })).status).toBe(200);
  const { key } = await remoteKey(A, user.session, ["read", "admin"]);
  expect((await adminUsers(B, { key })).status).toBe(200);
  expect((await adminUsers(B, { session: user.session })).status).toBe(200);

  let t0 = performance.now();
  expect((await patchUser(user.id, { role: "member" })).status).toBe(200);
  const demoted = await msUntil(t0, () => adminUsers(B, { key }), 200, 403);
  report("demotion seen by the other process", demoted);
  expect(demoted).toBeLessThan(WITHIN_MS);
  const forbidden = await adminUsers(B, { key });
  expect((await forbidden.json()).error).toEqual({
    code: "forbidden",
    message: "Only admins can do this.",
  });
  expect((await adminUsers(B, { session: user.session })).status).toBe(403);

  // B now holds the user as a member: the promotion must reach it just as fast.
  t0 = performance.now();
  expect((await patchUser(user.id, { role: "admin" })).status).toBe(200);
  const promoted = await msUntil(t0, () => adminUsers(B, { key }), 403, 200);
  report("promotion seen by the other process", promoted);
  expect(promoted).toBeLessThan(WITHIN_MS);
  expect((await adminUsers(B, { session: user.session })).status).toBe(200);
});

test("after B loses its database connections for 2 s, changes made meanwhile and afterwards still reach it", async () => {
  const user = await remoteUser(A);
  const during = await remoteKey(A, user.session);
  const after = await remoteKey(A, user.session);
  expect((await models(B, during.key)).status).toBe(200);
  expect((await models(B, after.key)).status).toBe(200);

  // B's pool and its LISTEN session are cut, and reconnecting fails until the outage ends;
  // meanwhile a key is revoked through A, whose database is fine.
  const outage = proxy.outage(2_000);
  expect((await revoke(user, during.id)).status).toBe(200);
  // B cannot reach its database: it authenticates from the last-known record of the key (the
  // gateway keeps answering in an outage, issue 14), so the revocation it cannot see yet does
  // not stop this key on B until B is back.
  const blind = await models(B, during.key);
  expect(blind.status).toBe(200);
  await outage;
  // B has missed that notification: once it can reach the database again it must not go on
  // trusting what it had cached.
  const t1 = performance.now();
  const ms = await msUntil(t1, () => models(B, during.key), 200, 401);
  report("change made during the outage refused after it", ms);
  expect(ms).toBeLessThan(WITHIN_MS);

  // And the feed is live again: a change made now reaches B as fast as before the outage.
  expect((await models(B, after.key)).status).toBe(200);
  const t2 = performance.now();
  expect((await revoke(user, after.id)).status).toBe(200);
  const later = await msUntil(t2, () => models(B, after.key), 200, 401);
  report("revocation after the outage", later);
  expect(later).toBeLessThan(WITHIN_MS);
});
