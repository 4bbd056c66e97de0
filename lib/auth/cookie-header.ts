import type { HeaderReader } from "../context";

/** One cookie's value from a request's Cookie header (no decoding; session tokens are URL-safe). */
export function readCookie(headers: HeaderReader, name: string): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}
