import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Brand } from "@/components/shell/brand";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { getPageActor } from "@/lib/auth/page-session";

// The signed-in app. proxy.ts only guesses from the cookie's presence; this checks it for real.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect("/login");
  return (
    <div className="md:flex">
      <aside className="flex flex-col gap-3 border-b border-zinc-200 bg-white px-3 py-3 md:sticky md:top-0 md:h-dvh md:w-60 md:shrink-0 md:border-b-0 md:border-r md:px-4 md:py-5 dark:border-zinc-800 dark:bg-zinc-900">
        <Brand className="md:mb-3" />
        <SidebarNav isAdmin={actor.role === "admin"} />
        <UserMenu email={actor.email} role={actor.role} />
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-10">
        <div className="mx-auto max-w-5xl">{children}</div>
      </main>
    </div>
  );
}
