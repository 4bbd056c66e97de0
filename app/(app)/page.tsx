import Link from "next/link";
import { Suspense } from "react";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { SystemStatus, SystemStatusSkeleton } from "./_components/system-status";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { getPageActor } from "@/lib/auth/page-session";

export default async function DashboardPage() {
  const actor = await getPageActor();
  const isAdmin = actor.kind === "user" && actor.role === "admin";
  const sections = NAV_ITEMS.filter((i) => i.href !== "/" && (isAdmin || i.href !== "/admin"));
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="One place for your team's AI: a router that picks the right model per task, projects with documents and databases, workflows, analytics and an MCP server."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <section
          aria-labelledby="status-heading"
          className="rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm lg:col-span-1 lg:self-start dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex items-center justify-between">
            <h2 id="status-heading" className="text-sm font-semibold">
              System status
            </h2>
            <a
              href="/api/monitoring/health"
              className="rounded text-xs font-medium text-indigo-600 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400"
            >
              Health JSON
            </a>
          </div>
          <Suspense fallback={<SystemStatusSkeleton />}>
            <SystemStatus />
          </Suspense>
        </section>
        <section aria-labelledby="sections-heading" className="lg:col-span-2">
          <h2 id="sections-heading" className="sr-only">
            Sections
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {sections.map(({ href, label, description, icon: Icon, ready }) => (
              <li key={href}>
                <Link
                  href={href}
                  className="group flex h-full flex-col rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm outline-none transition hover:border-indigo-300 hover:shadow focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-500/50"
                >
                  <span className="flex items-center justify-between">
                    <span className="grid size-9 place-items-center rounded-lg bg-zinc-100 text-zinc-700 group-hover:bg-indigo-50 group-hover:text-indigo-600 dark:bg-zinc-800 dark:text-zinc-300 dark:group-hover:bg-indigo-500/10 dark:group-hover:text-indigo-300">
                      <Icon className="size-5" />
                    </span>
                    {ready ? <Badge tone="success">Ready</Badge> : <Badge>Coming soon</Badge>}
                  </span>
                  <span className="mt-4 font-semibold">{label}</span>
                  <span className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                    {description}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
