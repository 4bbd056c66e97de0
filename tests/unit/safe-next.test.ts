import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/auth/safe-next";

describe("safeNext (no open redirect after sign-in)", () => {
  it.each([
    ["/projects?tab=docs#top", "/projects?tab=docs#top"],
    ["/admin", "/admin"],
    ["/a/../b", "/b"],
  ])("keeps the same-site path %s", (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });

  it.each([
    [null],
    [""],
    ["https://evil.example/"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["/.//evil.example"],
    ["/%2e//evil.example"],
    ["/a/..//evil.example"],
    ["/..//evil.example"],
    ["javascript:alert(1)"],
    ["evil.example"],
  ])("falls back to / for %s", (input) => {
    expect(safeNext(input)).toBe("/");
  });
});
