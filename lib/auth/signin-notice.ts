/**
 * What the login page says when Auth.js sends a browser back to it (`pages.error` is /login):
 * a plain form posted to /api/auth/callback/credentials lands on `/login?error=…&code=…`.
 * Only known values are shown; anything else in the URL gets the generic line, never echoed.
 */
export function signInNotice(error?: string, code?: string): string | undefined {
  if (!error) return undefined;
  if (error === "CredentialsSignin")
    return code === "locked"
      ? "Too many failed sign-ins for this account. Try again in a few minutes."
      : "Invalid email or password.";
  if (error === "MissingCSRF") return "The sign-in form expired. Please sign in again.";
  return "Signing in did not work. Please try again.";
}
