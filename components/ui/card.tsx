import type { ReactNode } from "react";

/**
 * A titled panel of a page; the title labels the region for screen readers. `min-w-0` lets a
 * wide table inside scroll in its own container instead of stretching a grid or flex parent
 * (and with it the page) past a phone's width.
 */
export function Card({
  title,
  id,
  description,
  children,
}: {
  title: string;
  id: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="min-w-0 rounded-2xl border border-zinc-200 bg-white p-4 shadow-sm sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id={id} className={description ? "text-sm font-semibold" : "mb-4 text-sm font-semibold"}>
        {title}
      </h2>
      {description && (
        <p className="mb-4 mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      )}
      {children}
    </section>
  );
}
