import { describe, expect } from "vitest";
import { POST as passwordPost } from "@/app/api/auth/password/route";
import { GET as meGet } from "@/app/api/auth/me/route";
import { POST as logoutEverywherePost } from "@/app/api/auth/logout-everywhere/route";
import { POST as logoutPost } from "@/app/api/auth/logout/route";
import { GET as sessionsGet } from "@/app/api/auth/sessions/route";
import { DELETE as sessionDelete } from "@/app/api/auth/sessions/[id]/route";
import { POST as createKey } from "@/app/api/keys/route";
import type { SessionSummary } from "@/lib/auth/schemas";
import { PASSWORD, signedInUser, signIn } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call, setCookies } from "../helpers/http";

const me = (cookie: string) => call(meGet, "/api/auth/me", { cookie });
const list = async (cookie: string) => {
  const res = await call(sessionsGet, "/api/auth/sessions", {
    cookie,
    headers: { "user-agent": "Firefox on the laptop" },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { sessions: SessionSummary[] }).sessions;
};
const signOut = (cookie: string, id: string) =>
  call(sessionDelete, `/api/auth/sessions/${id}`, { method: "DELETE", cookie, params: { id } });

describe("logout ends the session on the server", () => {
  dbTest("a copied cookie stops working once its session has signed out", async () => {
    const { cookie } = await signedInUser("copied");
    const copy = cookie; // what an attacker lifted from the browser
    const out = await call(logoutPost, "/api/auth/logout", { method: "POST", cookie });
    expect(out.status).toBe(204);
    const res = await me(copy);
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toContain(
      "auth_token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    );
  });

  dbTest("signing out one browser leaves the user's other sessions working", async () => {
    const { email, cookie } = await signedInUser("two-browsers");
    const phone = `auth_token=${(await signIn(email, PASSWORD)).session}`;
    await call(logoutPost, "/api/auth/logout", { method: "POST", cookie: phone });
    expect((await me(phone)).status).toBe(401);
    expect((await me(cookie)).status).toBe(200);
  });
});

describe("the user's sessions, one by one", () => {
  dbTest("are listed with the current one marked, and only to a signed-in session", async () => {
    const { email, cookie } = await signedInUser("list");
    const other = `auth_token=${(await signIn(email, PASSWORD)).session}`;
    const sessions = await list(cookie);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    for (const s of sessions) {
      expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.now());
      expect(s.ip).toMatch(/^198\.51\./);
    }
    expect((await list(other)).find((s) => s.current)?.id).not.toBe(
      sessions.find((s) => s.current)?.id,
    );
    const key = await call(createKey, "/api/keys", { json: { name: "k" }, cookie });
    const { key: secret } = (await key.json()) as { key: string };
    const byKey = await call(sessionsGet, "/api/auth/sessions", {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(byKey.status).toBe(403);
    expect((await call(sessionsGet, "/api/auth/sessions")).status).toBe(401);
  });

  dbTest("signing another session out ends it at once; this one goes on", async () => {
    const { email, cookie } = await signedInUser("revoke");
    const other = `auth_token=${(await signIn(email, PASSWORD)).session}`;
    const target = (await list(cookie)).find((s) => !s.current)!;
    const res = await signOut(cookie, target.id);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual([]); // not this browser's session
    expect((await me(other)).status).toBe(401);
    expect((await me(cookie)).status).toBe(200);
    expect((await list(cookie)).map((s) => s.id)).not.toContain(target.id);
    // Twice is "not found": it is gone.
    expect((await signOut(cookie, target.id)).status).toBe(404);
  });

  dbTest("signing out the current session clears this browser's cookie", async () => {
    const { cookie } = await signedInUser("self");
    const current = (await list(cookie)).find((s) => s.current)!;
    const res = await signOut(cookie, current.id);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toContain(
      "auth_token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    );
    expect((await me(cookie)).status).toBe(401);
  });

  dbTest("another user's session, a malformed or unknown id are all 'not found'", async () => {
    const alice = await signedInUser("alice");
    const bob = await signedInUser("bob");
    const bobs = (await list(bob.cookie))[0]!;
    for (const id of [bobs.id, "not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const res = await signOut(alice.cookie, id);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    expect((await me(bob.cookie)).status).toBe(200);
  });

  dbTest("logout everywhere and a password change leave no other session listed", async () => {
    const { email, cookie } = await signedInUser("all");
    await signIn(email, PASSWORD);
    const changed = await call(passwordPost, "/api/auth/password", {
      json: { currentPassword: PASSWORD, newPassword: "a brand new passphrase 42" },
      cookie,
    });
    expect(changed.status).toBe(204);
    const fresh = `auth_token=${setCookies(changed).auth_token}`;
    const after = await list(fresh);
    expect(after).toHaveLength(1);
    expect(after[0]!.current).toBe(true);
    await call(logoutEverywherePost, "/api/auth/logout-everywhere", {
      method: "POST",
      cookie: fresh,
    });
    const again = `auth_token=${(await signIn(email, "a brand new passphrase 42")).session}`;
    expect(await list(again)).toHaveLength(1);
  });
});
