"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "./nav-items";

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/** "99+" past 99: the badge stays one small pill. */
export const badgeText = (n: number) => (n > 99 ? "99+" : String(n));

/**
 * The main navigation: the desktop sidebar, and the mobile drawer (which closes on `onNavigate`).
 * `badges` are counts by href (e.g. pending approvals), shown when above zero.
 */
export function SidebarNav({
  isAdmin,
  onNavigate,
  badges = {},
}: {
  isAdmin: boolean;
  onNavigate?: () => void;
  badges?: Partial<Record<string, number>>;
}) {
  const pathname = usePathname();
  const items = NAV_ITEMS.filter((i) => isAdmin || i.href !== "/admin");
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {items.map(({ href, label, icon: Icon }) => {
        const active = isActive(pathname, href);
        const badge = badges[href] ?? 0;
        return (
          <Link
            key={href}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium outline-none transition-colors focus-visible:ring-2 focus-visible:ring-indigo-500 ${
              active
                ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300"
                : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            }`}
          >
            <Icon className="size-5 shrink-0" />
            <span>{label}</span>
            {badge > 0 && (
              <span className="ml-auto rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold tabular-nums text-white dark:bg-indigo-500">
                {badgeText(badge)}
                <span className="sr-only"> pending</span>
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
