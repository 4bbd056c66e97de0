"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * The app's list table: scrolls sideways in its own box on narrow screens (the page never does),
 * with a fade at the edge that has more columns, small uppercase headers, divided rows.
 * A header given as `{ label, hidden: true }` is read by screen readers only (e.g. "Actions").
 * The scroller is `relative` so that such sr-only (absolutely positioned) text is clipped by it:
 * otherwise it escapes to the page and makes the page itself scroll sideways on a phone.
 * `scrollLabel` makes the scroller a focusable, named region, for tables without controls that
 * keyboard users could otherwise not scroll.
 */
export function DataTable({
  headers,
  children,
  testId,
  scrollLabel,
}: {
  headers: (string | { label: string; hidden: true })[];
  children: ReactNode;
  testId?: string;
  scrollLabel?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ left: false, right: false });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () =>
      setMore({
        left: el.scrollLeft > 1,
        right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1,
      });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", measure);
    };
  }, []);
  const fade = "pointer-events-none absolute inset-y-0 z-10 w-6 from-white dark:from-zinc-900";
  return (
    <div className="relative">
      <div
        ref={scroller}
        className="relative overflow-x-auto rounded-md outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        {...(scrollLabel ? { role: "region", "aria-label": scrollLabel, tabIndex: 0 } : {})}
      >
        <table className="w-full text-left text-sm" data-testid={testId}>
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
            <tr>
              {headers.map((h, i) => (
                <th key={i} className="py-2 pr-4 font-medium last:pr-0">
                  {typeof h === "string" ? h : <span className="sr-only">{h.label}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-800">
            {children}
          </tbody>
        </table>
      </div>
      {more.left && <div aria-hidden="true" className={`${fade} left-0 bg-linear-to-r`} />}
      {more.right && <div aria-hidden="true" className={`${fade} right-0 bg-linear-to-l`} />}
    </div>
  );
}
