/**
 * Registers users on a running app over real HTTP, signs in the way the login page does (CSRF
 * token, credentials callback) and creates API keys. For benchmarks and process-level tests.
 */

export interface RemoteUser {
  id: string;
  email: string;
  role: string;
  /** The session cookie (`auth_token=...`), ready for a Cookie header. */
  session: string;
}

const PASSWORD = "a remote password that is long enough";

/** Registers a fresh user on `base` and signs it in there. */
export async function remoteUser(base: string): Promise<RemoteUser> {
  const email = `remote-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const origin = { origin: base };
  const reg = await fetch(`${base}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", ...origin },
    body: JSON.stringify({ email, password: PASSWORD, name: "Remote" }),
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${await reg.text()}`);
  const { user } = (await reg.json()) as { user: { id: string; role: string } };
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-auth-return-redirect": "1",
      cookie: jar,
      ...origin,
    },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: "/" }),
  });
  const session = login.headers
    .getSetCookie()
    .find((c) => c.startsWith("auth_token="))
    ?.split(";")[0];
  if (!session) throw new Error(`login failed: ${login.status}`);
  return { id: user.id, email, role: user.role, session };
}

/** Creates an API key for the signed-in `session` on `base`. */
export async function remoteKey(
  base: string,
  session: string,
  scopes: string[] = ["read", "write"],
): Promise<{ key: string; id: string }> {
  const res = await fetch(`${base}/api/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session, origin: base },
    body: JSON.stringify({ name: "remote", scopes }),
  });
  if (res.status !== 201) throw new Error(`key: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { key: string; apiKey: { id: string } };
  return { key: body.key, id: body.apiKey.id };
}

/** A fresh user and an API key of theirs. */
export async function remoteApiKey(
  base: string,
  scopes: string[] = ["read", "write"],
): Promise<{ key: string; session: string }> {
  const { session } = await remoteUser(base);
  const { key } = await remoteKey(base, session, scopes);
  return { key, session };
}
