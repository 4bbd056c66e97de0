// When an approval was asked and until when it waits, in words; pure, so it can be tested.
import { timeAgo } from "@/components/lib/time-ago";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "always" });

/** "in 3 hours", "in 2 days"; "any moment now" under a minute, "expired" once past. */
export function timeUntil(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (!Number.isFinite(seconds)) return "";
  if (seconds <= 0) return "expired";
  if (seconds < 60) return "any moment now";
  for (const [unit, size] of UNITS)
    if (seconds >= size) return relative.format(Math.round(seconds / size), unit);
  return relative.format(1, "minute");
}

/** The line under an approval: "Requested 5 minutes ago · expires in 2 hours" (or no deadline). */
export function approvalTimes(a: { createdAt: string; expiresAt: string | null }, now: number) {
  return {
    requested: `Requested ${timeAgo(a.createdAt, now)}`,
    expires: a.expiresAt ? `Expires ${timeUntil(a.expiresAt, now)}` : "No deadline",
    urgent: a.expiresAt !== null && Date.parse(a.expiresAt) - now < 3_600_000,
  };
}

/** The run's page in the workflow editor. */
export const runHref = (workflowId: string, runId: string) =>
  `/workflows/${workflowId}/runs/${runId}`;
