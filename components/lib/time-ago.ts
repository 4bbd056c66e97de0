// Moments in words for lists and grids ("5 minutes ago"), pure so they can be tested.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "always" });

/** "just now", "5 minutes ago", "3 days ago" for a moment before `now` (ms). */
export function timeAgo(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds) || seconds < 45) return "just now";
  for (const [unit, size] of UNITS)
    if (seconds >= size) return relative.format(-Math.round(seconds / size), unit);
  return relative.format(-1, "minute");
}
