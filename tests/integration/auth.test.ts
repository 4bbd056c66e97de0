import { describe, expect } from "vitest";
import { POST as passwordPost } from "@/app/api/auth/password/route";
import { GET as meGet } from "@/app/api/auth/me/route";
import { POST as logoutEverywherePost } from "@/app/api/auth/logout-everywhere/route";
import { POST as logoutPost } from "@/app/api/auth/logout/route";
import { PASSWORD, registerUser, signedInUser, signIn, uniqueEmail } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call, setCookies } from "../helpers/http";

describe("accounts", () => {
  dbTest("register → sign in (Auth.js credentials) → me → logout", async () => {
    const { email, user } = await registerUser(uniqueEmail("flow"));
    const { session, error, url } = await signIn(email, PASSWORD);
    expect(error).toBeNull();
    expect(url?.pathname).toBe("/");
    expect(session).toBeTruthy();
    const me = await call(meGet, "/api/auth/me", { cookie: `auth_token=${session}` });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ id: user.id, email, disabled: false });
    const out = await call(logoutPost, "/api/auth/logout", {
      method: "POST",
      cookie: `auth_token=${session}`,
    });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(
      /^auth_token=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/,
    );
  });

  dbTest("the first account is admin, later ones are members", async () => {
    const first = await registerUser(uniqueEmail("first"));
    const second = await registerUser(uniqueEmail("second"));
    expect(first.user.role).toBe("admin");
    expect(second.user.role).toBe("member");
  });

  dbTest("register refuses weak, common and duplicate input with field errors", async () => {
    const { POST } = await import("@/app/api/auth/register/route");
    const short = await call(POST, "/api/auth/register", {
      json: { email: uniqueEmail(), password: "short" },
    });
    expect(short.status).toBe(422);
    expect((await short.json()).error.details.fields).toEqual([
      { field: "password", message: "must be at least 10 characters", code: "custom" },
    ]);
    const both = await call(POST, "/api/auth/register", {
      json: { email: "nope", password: "short" },
    });
    expect((await both.json()).error.details.fields.map((f: { field: string }) => f.field)).toEqual(
      ["email", "password"],
    );
    const common = await call(POST, "/api/auth/register", {
      json: { email: uniqueEmail(), password: "Password123" },
    });
    expect((await common.json()).error.details.fields[0]).toEqual({
      field: "password",
      message: "is one of the most common passwords; choose another",
      code: "custom",
    });
    const email = uniqueEmail();
    await registerUser(email);
    const dup = await call(POST, "/api/auth/register", {
      json: { email: email.toUpperCase(), password: PASSWORD },
    });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.details.fields).toEqual([
      { field: "email", message: "is already registered" },
    ]);
  });

  dbTest(
    "change password: wrong current password is a field error; success ends other sessions",
    async () => {
      const { email, cookie } = await signedInUser("pw");
      const other = await signIn(email, PASSWORD); // a second device
      const wrong = await call(passwordPost, "/api/auth/password", {
        json: { currentPassword: "not my password", newPassword: "another long passphrase" },
        cookie,
      });
      expect(wrong.status).toBe(422);
      expect((await wrong.json()).error.details.fields).toEqual([
        { field: "currentPassword", message: "is not your current password" },
      ]);

      const ok = await call(passwordPost, "/api/auth/password", {
        json: { currentPassword: PASSWORD, newPassword: "another long passphrase" },
        cookie,
      });
      expect(ok.status).toBe(204);
      const renewed = setCookies(ok).auth_token!;
      expect((await call(meGet, "/api/auth/me", { cookie: `auth_token=${renewed}` })).status).toBe(
        200,
      );
      expect(
        (await call(meGet, "/api/auth/me", { cookie: `auth_token=${other.session}` })).status,
      ).toBe(401);
      expect((await call(meGet, "/api/auth/me", { cookie })).status).toBe(401);
      expect((await signIn(email, PASSWORD)).code).toBe("invalid_credentials");
      expect((await signIn(email, "another long passphrase")).session).toBeTruthy();
    },
  );

  dbTest("logout everywhere ends every session", async () => {
    const { email, cookie } = await signedInUser("everywhere");
    const other = await signIn(email, PASSWORD);
    const res = await call(logoutEverywherePost, "/api/auth/logout-everywhere", {
      method: "POST",
      cookie,
    });
    expect(res.status).toBe(204);
    expect((await call(meGet, "/api/auth/me", { cookie })).status).toBe(401);
    expect(
      (await call(meGet, "/api/auth/me", { cookie: `auth_token=${other.session}` })).status,
    ).toBe(401);
  });
});
