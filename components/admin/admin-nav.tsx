"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ADMIN_SECTIONS } from "./sections";

/**
 * The admin area's side index: plain links (linkable, work without JavaScript, Tab and Enter),
 * the current section marked aria-current. A column beside the section from md up, a wrapping
 * row of tabs above it on a phone.
 */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="mb-6 md:sticky md:top-10 md:mb-0 md:self-start">
      <ul className="flex flex-wrap gap-1 md:flex-col">
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
