import pino from "pino";
import { describe, expect, test } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { fieldProblems } from "@/lib/auth/form-actions";
import { signInNotice } from "@/lib/auth/signin-notice";
import { PASSWORD, registerUser, uniqueEmail } from "../helpers/auth";
import { dbTest, testServices, useTestServices } from "../helpers/db";
import { call, cookieHeader, randomIp, setCookies } from "../helpers/http";

/** Auth.js's credentials endpoint posted to by a plain HTML form: no fetch, no JSON, a redirect. */
async function plainFormPost(
  fields: Record<string, string>,
  withCsrf: boolean,
  headers: Record<string, string> = {},
) {
  const ip = randomIp();
  let jar: Record<string, string> = {};
  let csrfToken: string | undefined;
  if (withCsrf) {
    const csrf = await call(authGet, "/api/auth/csrf", { ip });
    jar = setCookies(csrf);
    csrfToken = ((await csrf.json()) as { csrfToken: string }).csrfToken;
  }
  const res = await call(authPost, "/api/auth/callback/credentials", {
    body: new URLSearchParams({ ...fields, ...(csrfToken ? { csrfToken } : {}) }),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    cookie: cookieHeader(jar),
    ip,
  });
  const location = res.headers.get("location");
  return { res, url: location ? new URL(location) : null, cookies: setCookies(res) };
}

describe("Auth.js's credentials endpoint from a form without JavaScript", () => {
  dbTest("a wrong password redirects to the login page with the reason, never a 500", async () => {
    const { email } = await registerUser(uniqueEmail("nojs"));
    const { res, url, cookies } = await plainFormPost(
      { email, password: "not the right password", callbackUrl: "/projects" },
      true,
    );
    expect(res.status).toBe(302);
    expect(url?.pathname).toBe("/login");
    expect(url?.searchParams.get("error")).toBe("CredentialsSignin");
    expect(url?.searchParams.get("code")).toBe("invalid_credentials");
    // The per-IP budget's headers are on the redirect too.
    expect(res.headers.get("x-ratelimit-limit")).toBe("10");
    expect(cookies.auth_token).toBeUndefined();
  });

  dbTest("the right password signs in and lands on the callback URL", async () => {
    const { email } = await registerUser(uniqueEmail("nojs-ok"));
    const { res, url, cookies } = await plainFormPost(
      { email, password: PASSWORD, callbackUrl: "/projects" },
      true,
    );
    expect(res.status).toBe(302);
    expect(url?.pathname).toBe("/projects");
    expect(cookies.auth_token).toMatch(/^ey/);
  });

  dbTest("redirects to the host the browser used, not the server's own name", async () => {
    const { email } = await registerUser(uniqueEmail("host"));
    // What the server entry passes on: the Host the client connected to (here not "localhost").
    const host = { host: "aios.example.test:8443", origin: "http://aios.example.test:8443" };
    const ok = await plainFormPost(
      { email, password: PASSWORD, callbackUrl: "/projects" },
      true,
      host,
    );
    expect(ok.res.headers.get("location")).toBe("http://aios.example.test:8443/projects");
    const wrong = await plainFormPost({ email, password: "nope nope nope" }, true, host);
    expect(wrong.url?.origin).toBe("http://aios.example.test:8443");
  });

  dbTest(
    "a post without the CSRF token is sent back to sign in, with a warning logged",
    async ({ db }) => {
      const lines: { level: string; msg: string }[] = [];
      const log = pino(
        { formatters: { level: (label) => ({ level: label }) } },
        { write: (line: string) => void lines.push(JSON.parse(line)) },
      );
      const services = testServices(db, { log });
      useTestServices(services);
      const { email } = await registerUser(uniqueEmail("nocsrf"));
      const { res, url, cookies } = await plainFormPost({ email, password: PASSWORD }, false);
      expect(res.status).toBe(302);
      expect(url?.pathname).toBe("/login");
      expect(url?.searchParams.get("error")).toBe("MissingCSRF");
      expect(cookies.auth_token).toBeUndefined();
      // Anyone can send this request: it is not a fault of the server.
      expect(lines.filter((l) => l.level === "error")).toEqual([]);
      expect(lines.some((l) => l.level === "warn" && l.msg === "auth request refused")).toBe(true);
      await services.close();
    },
  );
});

describe("what Auth.js is given", () => {
  dbTest("behind a proxy: a Host without a port means the scheme's port, not ours", async () => {
    const { email } = await registerUser(uniqueEmail("proxied"));
    // What nginx (Host) and Caddy (X-Forwarded-Host, a list after several hops) pass on.
    for (const headers of <Record<string, string>[]>[
      { host: "aios.example.com", "x-forwarded-proto": "https" },
      { "x-forwarded-host": "aios.example.com, inner.proxy", "x-forwarded-proto": "https" },
    ]) {
      const ok = await plainFormPost(
        { email, password: PASSWORD, callbackUrl: "/projects" },
        true,
        {
          ...headers,
          origin: "https://aios.example.com",
        },
      );
      expect(ok.res.headers.get("location")).toBe("https://aios.example.com/projects");
    }
  });

  dbTest("a callbackUrl Auth.js cannot redirect to becomes / (and the sign-in works)", async () => {
    const { email } = await registerUser(uniqueEmail("callback"));
    for (const callbackUrl of [
      "/x\u0000y",
      "/a\r\nSet-Cookie: x=1",
      "https://evil.example/",
      "//evil.example",
    ]) {
      const { res, cookies } = await plainFormPost(
        { email, password: PASSWORD, callbackUrl },
        true,
      );
      expect(res.headers.get("location")).toBe("http://localhost/");
      expect(cookies.auth_token).toMatch(/^ey/);
    }
  });

  dbTest(
    "what any anonymous request can send is never an error-level line or a 500",
    async ({ db }) => {
      const lines: { level: string }[] = [];
      const log = pino(
        { formatters: { level: (label) => ({ level: label }) } },
        { write: (line: string) => void lines.push(JSON.parse(line)) },
      );
      const services = testServices(db, { log });
      useTestServices(services);
      for (const path of [
        "/api/auth/signin/nope",
        "/api/auth/callback/credentials",
        "/api/auth/webauthn-options/passkey",
        "/api/auth/error?error=%00",
        "/api/auth/providers/x",
      ])
        expect((await call(authGet, path)).status, path).toBeLessThan(500);
      const json = await call(authPost, "/api/auth/callback/credentials", {
        body: "{not json",
        headers: { "content-type": "application/json" },
      });
      expect(json.status).toBe(400);
      expect(lines.filter((l) => l.level === "error")).toEqual([]);
      await services.close();
    },
  );
});

describe("what the login page says when Auth.js sends a browser back", () => {
  test("known reasons in words, anything else generic and never echoed", () => {
    expect(signInNotice("CredentialsSignin", "invalid_credentials")).toBe(
      "Invalid email or password.",
    );
    expect(signInNotice("CredentialsSignin", "locked")).toMatch(/^Too many failed sign-ins/);
    expect(signInNotice("MissingCSRF")).toBe("The sign-in form expired. Please sign in again.");
    expect(signInNotice("<script>alert(1)</script>")).toBe(
      "Signing in did not work. Please try again.",
    );
    expect(signInNotice(undefined)).toBeUndefined();
  });
});

describe("the sign-in and register forms (server actions)", () => {
  test("name text no database can store next to its field instead of failing the insert", () => {
    expect(
      fieldProblems(
        { email: "a@example.com", name: "Bad\u0000Name", password: "x\ud800y", confirm: "" },
        ["email", "password", "confirm"],
      ),
    ).toEqual({
      name: "Name must not contain a NUL character (\\u0000).",
      password:
        "Password must be valid Unicode text (it contains a lone surrogate such as \\ud800).",
      confirm: "Confirmation is required.",
    });
    expect(fieldProblems({ email: "a@example.com", password: "fine" }, ["email"])).toBeUndefined();
  });
});
