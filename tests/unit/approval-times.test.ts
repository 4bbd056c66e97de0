import { describe, expect, it } from "vitest";
import { approvalTimes, runHref, timeUntil } from "@/components/workflows/approvals/approval-times";
import { badgeText } from "@/components/shell/sidebar-nav";

const NOW = Date.parse("2026-03-01T12:00:00.000Z");
const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();

describe("approval times", () => {
  it.each([
    [-5, "expired"],
    [0, "expired"],
    [30, "any moment now"],
    [90, "in 2 minutes"],
    [2 * 3600, "in 2 hours"],
    [3 * 86_400, "in 3 days"],
  ])("%s seconds ahead is %s", (seconds, words) => {
    expect(timeUntil(at(seconds), NOW)).toBe(words);
  });

  it("says when it was asked and until when it waits; under an hour left is urgent", () => {
    expect(approvalTimes({ createdAt: at(-600), expiresAt: null }, NOW)).toEqual({
      requested: "Requested 10 minutes ago",
      expires: "No deadline",
      urgent: false,
    });
    expect(approvalTimes({ createdAt: at(-60), expiresAt: at(1800) }, NOW)).toEqual({
      requested: "Requested 1 minute ago",
      expires: "Expires in 30 minutes",
      urgent: true,
    });
    expect(approvalTimes({ createdAt: at(-60), expiresAt: at(7200) }, NOW).urgent).toBe(false);
  });

  it("links to the run in its workflow", () => {
    expect(runHref("w1", "r1")).toBe("/workflows/w1/runs/r1");
  });

  it("keeps the navigation badge short", () => {
    expect([badgeText(1), badgeText(99), badgeText(100)]).toEqual(["1", "99", "99+"]);
  });
});
