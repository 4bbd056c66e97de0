import type { ReactNode } from "react";

/**
 * The app's list table: scrolls sideways on narrow screens, small uppercase headers, divided rows.
 * A header given as `{ label, hidden: true }` is read by screen readers only (e.g. "Actions").
 */
export function DataTable({
  headers,
  children,
  testId,
}: {
  headers: (string | { label: string; hidden: true })[];
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="overflow-x-auto">
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
  );
}
