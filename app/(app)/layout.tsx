import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Brand } from "@/components/shell/brand";
import { MobileNav } from "@/components/shell/mobile-nav";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { getPageActor, loginPathForPage } from "@/lib/auth/page-session";
import { signOutAction } from "./actions";
import { pendingApprovalsCount } from "./approvals/pending-count";

// The signed-in app. proxy.ts only guesses from the cookie's presence; this checks it for real.
// Below md a top bar with a Menu drawer replaces the sidebar. A page that needs the whole area
// (the workflow editor) marks its root with data-full-bleed: no padding, no max width.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect(await loginPathForPage());
  const isAdmin = actor.role === "admin";
  const badges = { "/approvals": (await pendingApprovalsCount()) ?? 0 };
  return (
    <div className="md:flex">
      <MobileNav
        isAdmin={isAdmin}
        badges={badges}
        email={actor.email}
        role={actor.role}
        signOut={signOutAction}
      />
      <aside className="hidden border-r border-zinc-200 bg-white px-4 py-5 md:sticky md:top-0 md:flex md:h-dvh md:w-60 md:shrink-0 md:flex-col md:gap-3 dark:border-zinc-800 dark:bg-zinc-900">
        <Brand className="mb-3" />
        <SidebarNav isAdmin={isAdmin} badges={badges} />
        <UserMenu email={actor.email} role={actor.role} signOut={signOutAction} />
      </aside>
      <main
        id="main"
        className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-10 has-[[data-full-bleed]]:p-0"
      >
        <div className="mx-auto max-w-5xl has-[[data-full-bleed]]:max-w-none">{children}</div>
      </main>
    </div>
  );
}
