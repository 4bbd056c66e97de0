/**
 * Registers a user on a running app over real HTTP, signs in the way the login page does (CSRF
 * token, credentials callback) and creates an API key. For benchmarks and process-level tests.
 */
export async function remoteApiKey(
  base: string,
  scopes: string[] = ["read", "write"],
): Promise<{ key: string; session: string }> {
  const email = `remote-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "a remote password that is long enough";
  const origin = { origin: base };
  const reg = await fetch(`${base}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", ...origin },
    body: JSON.stringify({ email, password, name: "Remote" }),
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${await reg.text()}`);
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
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
  });
  const session = login.headers
    .getSetCookie()
    .find((c) => c.startsWith("auth_token="))
    ?.split(";")[0];
  if (!session) throw new Error(`login failed: ${login.status}`);
  const res = await fetch(`${base}/api/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session, ...origin },
    body: JSON.stringify({ name: "remote", scopes }),
  });
  if (res.status !== 201) throw new Error(`key: ${res.status} ${await res.text()}`);
  return { key: ((await res.json()) as { key: string }).key, session };
}
