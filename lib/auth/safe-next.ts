/**
 * Where to go after sign-in. Only same-site paths are accepted ("/projects?x=1"); absolute URLs,
 * protocol-relative "//evil.example" and backslash tricks fall back to "/" (no open redirect).
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  try {
    const url = new URL(next, "http://same.invalid");
    return url.origin === "http://same.invalid" ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
