import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { PATCH as patchUser } from "@/app/api/admin/users/[id]/route";
import { GET as meGet } from "@/app/api/auth/me/route";
import { GET as sessionsGet } from "@/app/api/auth/sessions/route";
import { DELETE as sessionDelete } from "@/app/api/auth/sessions/[id]/route";
import { sessions } from "@/db/schema";
import type { SessionSummary } from "@/lib/auth/schemas";
import { openSession } from "@/lib/auth/sessions";
import { PASSWORD, signedInUser, signIn } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call, cookieHeader, setCookies } from "../helpers/http";

// The edges of revocable sessions a hostile review found: each failed before its fix.

const me = (cookie: string) => call(meGet, "/api/auth/me", { cookie });
const list = async (cookie: string) =>
  (
    (await (await call(sessionsGet, "/api/auth/sessions", { cookie })).json()) as {
      sessions: SessionSummary[];
    }
  ).sessions;

describe("sessions at the edges", () => {
  dbTest("Auth.js's own sign-out ends the session on the server, not only the cookie", async () => {
    const { cookie } = await signedInUser("authjs-signout");
    const csrf = await call(authGet, "/api/auth/csrf", { cookie });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = { ...setCookies(csrf), auth_token: cookie.slice("auth_token=".length) };
    const out = await call(authPost, "/api/auth/signout", {
      body: new URLSearchParams({ csrfToken }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      cookie: cookieHeader(jar),
    });
    expect(out.status).toBe(302);
    expect((await me(cookie)).status).toBe(401); // the copy kept elsewhere is dead too
  });

  dbTest("disabling a user revokes their sessions: re-enabling brings none back", async () => {
    const admin = await signedInUser("admin");
    const bob = await signedInUser("bob");
    const patch = (json: unknown) =>
      call(patchUser, `/api/admin/users/${bob.user.id}`, {
        method: "PATCH",
        json,
        cookie: admin.cookie,
        params: { id: bob.user.id },
      });
    expect((await patch({ disabled: true })).status).toBe(200);
    expect((await patch({ disabled: false })).status).toBe(200);
    const again = `auth_token=${(await signIn(bob.email, PASSWORD)).session}`;
    const listed = await list(again);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.current).toBe(true);
    expect((await me(bob.cookie)).status).toBe(401);
  });

  dbTest("an upper-case id of this session is this session: its cookie is cleared", async () => {
    const { cookie } = await signedInUser("upper");
    const id = (await list(cookie)).find((s) => s.current)!.id.toUpperCase();
    const res = await call(sessionDelete, `/api/auth/sessions/${id}`, {
      method: "DELETE",
      cookie,
      params: { id },
    });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toContain(
      "auth_token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    );
    expect((await me(cookie)).status).toBe(401);
  });

  dbTest("the session asking is listed even when the user has more than fit", async ({ ctx }) => {
    const { cookie, user } = await signedInUser("many");
    for (let i = 0; i < 55; i++) await openSession(ctx, user.id);
    const listed = await list(cookie);
    expect(listed).toHaveLength(50);
    expect(listed[0]!.current).toBe(true);
  });

  dbTest(
    "revoked and expired sessions are removed at the next sign-in, anyone's",
    async ({ db }) => {
      const alice = await signedInUser("alice-old");
      const id = (await list(alice.cookie))[0]!.id;
      await call(sessionDelete, `/api/auth/sessions/${id}`, {
        method: "DELETE",
        cookie: alice.cookie,
        params: { id },
      });
      expect(
        await db.select().from(sessions).where(eq(sessions.userId, alice.user.id)),
      ).toHaveLength(1); // revoked, still there
      await signedInUser("bob-new");
      expect(await db.select().from(sessions).where(eq(sessions.userId, alice.user.id))).toEqual(
        [],
      );
    },
  );
});
