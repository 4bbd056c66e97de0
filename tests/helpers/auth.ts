import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as registerPost } from "@/app/api/auth/register/route";
import { call, cookieHeader, randomIp, setCookies } from "./http";

let counter = 0;
export const uniqueEmail = (tag = "user") =>
  `${tag}-${Date.now().toString(36)}-${++counter}@example.com`;
export const PASSWORD = "correct horse battery staple";

export async function registerUser(email = uniqueEmail(), password = PASSWORD, ip = randomIp()) {
  const res = await call(registerPost, "/api/auth/register", {
    json: { email, password, name: "Test User" },
    ip,
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  return { email, password, user: (await res.json()).user as { id: string; role: string } };
}

/**
 * Signs in through Auth.js exactly like the login page: CSRF token, then the credentials
 * callback with X-Auth-Return-Redirect. Returns the answer's URL and the cookie jar.
 */
export async function signIn(email: string, password: string, ip = randomIp()) {
  const csrfRes = await call(authGet, "/api/auth/csrf", { ip });
  const jar = setCookies(csrfRes);
  const { csrfToken } = await csrfRes.json();
  const res = await call(authPost, "/api/auth/callback/credentials", {
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    cookie: cookieHeader(jar),
    ip,
  });
  Object.assign(jar, setCookies(res));
  const body = res.status === 200 ? await res.json() : null;
  const url = body?.url ? new URL(body.url) : null;
  return {
    res,
    body,
    jar,
    url,
    error: url?.searchParams.get("error") ?? null,
    code: url?.searchParams.get("code") ?? null,
    session: jar.auth_token || null,
  };
}

/** A registered, signed-in user with the session cookie ready to send. */
export async function signedInUser(tag = "user") {
  const { email, password, user } = await registerUser(uniqueEmail(tag));
  const { session } = await signIn(email, password);
  if (!session) throw new Error("sign-in did not set auth_token");
  return { email, password, user, cookie: `auth_token=${session}` };
}
