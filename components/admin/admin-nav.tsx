"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ADMIN_SECTIONS } from "./sections";

/**
 * The admin area's side index: plain links (linkable, work without JavaScript, Tab and Enter),
 * the current section marked aria-current. A column beside the section on wide screens (lg), a
 * wrapping row of tabs above it on tablets and phones.
 */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="mb-6 lg:sticky lg:top-10 lg:mb-0 lg:self-start">
      <ul className="flex flex-wrap gap-1 lg:flex-col">
        {ADMIN_SECTIONS.map(({ slug, title }) => {
          const href = `/admin/${slug}`;
          const active = pathname === href;
          return (
            <li key={slug}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-lg px-3 py-1.5 text-sm font-medium outline-none transition-colors focus-visible:ring-2 focus-visible:ring-indigo-500 ${
                  active
                    ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300"
                    : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                }`}
              >
                {title}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
