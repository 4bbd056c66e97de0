"use client";

import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Brand } from "./brand";
import { CloseIcon, MenuIcon } from "./icons";
import { badgeText, SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

/**
 * The small-screen shell: a slim top bar with a Menu button that opens the navigation as a modal
 * drawer. A native modal <dialog> makes the page behind it inert (so focus stays in the drawer),
 * closes on Escape and hands focus back to the Menu button. The drawer also closes on navigation
 * (it remembers the path it was opened on), on a tap outside it and when the window grows to the
 * desktop layout, where the sidebar takes over.
 */
export function MobileNav({
  isAdmin,
  email,
  role,
  signOut,
  badges = {},
}: {
  isAdmin: boolean;
  email: string;
  role: string;
  signOut: () => Promise<void>;
  /** Counts by href for the navigation (see SidebarNav); their sum is shown on the Menu button. */
  badges?: Partial<Record<string, number>>;
}) {
  const waiting = Object.values(badges).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useCallback(() => setOpenOn(null), []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // Start where the user is: the current section's link (or the close button).
      (
        d.querySelector<HTMLElement>('[aria-current="page"]') ??
        d.querySelector<HTMLElement>("button")
      )?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const desktop = window.matchMedia("(min-width: 48rem)");
    const onChange = () => desktop.matches && close();
    desktop.addEventListener("change", onChange);
    return () => desktop.removeEventListener("change", onChange);
  }, [open, close]);

  return (
    <div className="sticky top-0 z-30 flex h-14 items-center justify-between gap-3 border-b border-zinc-200 bg-white/95 px-3 backdrop-blur md:hidden dark:border-zinc-800 dark:bg-zinc-900/95">
      <Brand />
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-menu"
        aria-describedby={waiting > 0 ? "mobile-menu-waiting" : undefined}
        onClick={() => setOpenOn(pathname)}
        className="inline-flex items-center gap-2 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        <MenuIcon className="size-5" />
        Menu
        {waiting > 0 && (
          <span
            aria-hidden="true"
            className="rounded-full bg-indigo-600 px-1.5 text-xs font-semibold tabular-nums text-white dark:bg-indigo-500"
          >
            {badgeText(waiting)}
          </span>
        )}
      </button>
      {/* Outside the button, so its name stays "Menu" and the count is its description. */}
      {waiting > 0 && (
        <span id="mobile-menu-waiting" className="sr-only">
          {waiting} waiting for you
        </span>
      )}
      <dialog
        id="mobile-menu"
        ref={dialog}
        aria-label="Menu"
        onClose={close}
        // A click on the dialog element itself is a click on its backdrop (the panel fills it).
        onClick={(e) => e.target === e.currentTarget && close()}
        className="m-0 h-dvh max-h-none w-72 max-w-[85vw] border-0 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {open && (
          <div className="flex h-full flex-col gap-3 overflow-y-auto px-3 py-3">
            <div className="flex items-center justify-between gap-2">
              <Brand onNavigate={close} />
              <button
                type="button"
                onClick={close}
                aria-label="Close menu"
                className="grid size-9 place-items-center rounded-lg text-zinc-600 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800"
              >
                <CloseIcon className="size-5" />
              </button>
            </div>
            <SidebarNav isAdmin={isAdmin} onNavigate={close} badges={badges} />
            <UserMenu email={email} role={role} signOut={signOut} onNavigate={close} />
          </div>
        )}
      </dialog>
    </div>
  );
}
