"use client";

import { Button } from "@/components/ui/button";

/** "Records 101–200 of 12,345" with previous/next page buttons; the grid has one above and one below. */
export function Pager({
  page,
  pageSize,
  total,
  position,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  position: "top" | "bottom";
  onPage: (p: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav
      aria-label={`Pages (${position})`}
      className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 text-sm text-zinc-600 dark:text-zinc-400"
    >
      <span data-testid="page-range">
        {total === 0
          ? "No records"
          : `Records ${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${total.toLocaleString("en")}`}
      </span>
      <span className="flex items-center gap-2">
        <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          ← Previous
        </Button>
        <span aria-live={position === "bottom" ? "polite" : undefined}>
          Page {page} of {pages.toLocaleString("en")}
        </span>
        <Button variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Next →
        </Button>
      </span>
    </nav>
  );
}
