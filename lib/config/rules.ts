/**
 * Pure validation rules for the two settings whose mistakes are security holes:
 * SECRET_KEY (signs sessions) and CORS_ORIGINS (decides who may send credentialed requests).
 * Each rule returns a human message that names the problem and the fix, or null when fine.
 */

export type Environment = "development" | "test" | "production";

export const SECRET_MIN_PRODUCTION = 64;
export const SECRET_MIN_DEVELOPMENT = 32;
const SECRET_FIX = "generate one with `npm run secret -- 64`";

// Substrings that betray a hand-typed or copied example value rather than a random key.
const PLACEHOLDER_MARKERS = [
  "changeme",
  "change-me",
  "change_me",
  "replaceme",
  "replace-me",
  "replace_me",
  "your-secret",
  "your_secret",
  "yoursecret",
  "secret-key",
  "secret_key",
  "secretkey",
  "placeholder",
  "example",
  "insecure",
  "default",
  "password",
  "dummy",
  "xxxxxx",
  "123456",
];

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

/** Checks a SECRET_KEY that was given. A missing key is handled by the caller (generated outside production). */
export function secretKeyProblem(value: string, environment: Environment): string | null {
  if (environment !== "production") {
    return value.length < SECRET_MIN_DEVELOPMENT
      ? `is ${value.length} characters; use at least ${SECRET_MIN_DEVELOPMENT} (${SECRET_FIX}), or remove it and a development key is generated under DATA_DIR`
      : null;
  }
  if (value.length < SECRET_MIN_PRODUCTION) {
    return `is ${value.length} characters; production needs at least ${SECRET_MIN_PRODUCTION}: ${SECRET_FIX}`;
  }
  const lower = value.toLowerCase();
  const marker = PLACEHOLDER_MARKERS.find((m) => lower.includes(m));
  if (marker) return `looks like a placeholder (contains "${marker}"); ${SECRET_FIX}`;
  if (characterClasses(value) < 3) {
    return `uses ${characterClasses(value)} character class(es); production needs at least 3 of lower case, upper case, digits, symbols: ${SECRET_FIX}`;
  }
  if (new Set(value).size < 16) {
    return `repeats too few distinct characters (${new Set(value).size}) to be random; ${SECRET_FIX}`;
  }
  return null;
}

/** Checks one CORS origin entry; returns the problem or null. */
export function corsOriginProblem(entry: string, environment: Environment): string | null {
  if (entry === "*")
    return `"*" is not allowed: responses carry credentials, so list each exact origin`;
  if (entry.toLowerCase() === "null")
    return `"null" is not allowed: sandboxed and file:// pages send it, so it trusts anyone`;
  if (entry.includes("*")) return `"${entry}" contains a wildcard; list each exact origin`;
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `"${entry}" is not a URL; write an origin like https://app.example.com`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `"${entry}" must use https:// (or http:// outside production)`;
  }
  if (url.username || url.password) return `"${entry}" must not contain credentials`;
  if (url.pathname !== "/" || url.search || url.hash || entry.endsWith("/")) {
    return `"${entry}" has a path, query or trailing slash; an origin is scheme://host[:port] only, e.g. ${url.origin}`;
  }
  if (url.origin !== entry) return `"${entry}" is not in canonical form; write it as ${url.origin}`;
  if (environment === "production" && url.protocol === "http:") {
    return `"${entry}" uses http:// which production refuses; serve it over https://`;
  }
  return null;
}

/** Splits the comma-separated list; empty items (e.g. a trailing comma) are ignored. */
export function splitOrigins(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
