/**
 * Where to go after sign-in. Only same-site paths are accepted ("/projects?x=1"). Absolute URLs,
 * protocol-relative "//evil.example", backslash tricks, and paths that only become "//evil"
 * after normalisation ("/.//evil", "/%2e//evil", "/a/..//evil") fall back to "/": the check
 * runs on the normalised path that is actually returned.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.includes("\\")) return "/";
  try {
    const url = new URL(next, "http://same.invalid");
    if (url.origin !== "http://same.invalid" || url.pathname.startsWith("//")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
