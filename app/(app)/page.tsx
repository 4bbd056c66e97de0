import { headers } from "next/headers";
import Link from "next/link";
import { Suspense } from "react";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { getPageActor } from "@/lib/auth/page-session";
import { FirstSteps, FirstStepsSkeleton } from "./_components/first-steps";
import { SystemStatus, SystemStatusSkeleton } from "./_components/system-status";

const panel =
  "min-w-0 rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900";

/** The address this page was reached at, for copy-paste examples (the API lives on the same origin). */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") ? "http" : "https");
  return `${proto.split(",")[0]!.trim()}://${host}`;
}

export default async function DashboardPage() {
  const actor = await getPageActor();
  const isAdmin = actor.kind === "user" && actor.role === "admin";
  const sections = NAV_ITEMS.filter((i) => i.href !== "/" && (isAdmin || i.href !== "/admin"));
  const origin = await requestOrigin();
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Your team's AI in one place: a router that picks the right model for each task, chat, projects with documents and typed databases, and an OpenAI-compatible API. Workflows, analytics and an MCP server are on the way."
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <section aria-labelledby="steps-heading" className={`${panel} lg:col-span-2 lg:self-start`}>
          <h2 id="steps-heading" className="text-sm font-semibold">
            First steps
          </h2>
          <Suspense fallback={<FirstStepsSkeleton />}>
            <FirstSteps origin={origin} isAdmin={isAdmin} />
          </Suspense>
        </section>
        <section aria-labelledby="status-heading" className={`${panel} lg:self-start`}>
          <div className="flex items-center justify-between gap-3">
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
            <SystemStatus isAdmin={isAdmin} />
          </Suspense>
        </section>
      </div>
      <section aria-labelledby="sections-heading" className="mt-8">
        <h2 id="sections-heading" className="mb-3 text-sm font-semibold">
          Sections
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {sections.map(({ href, label, description, icon: Icon, ready }) => (
            <li key={href} className="min-w-0">
              <Link
                href={href}
                className="group flex h-full flex-col rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm outline-none transition hover:border-indigo-300 hover:shadow focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-500/50"
              >
                <span className="flex items-center justify-between gap-3">
                  <span className="grid size-9 place-items-center rounded-lg bg-zinc-100 text-zinc-700 group-hover:bg-indigo-50 group-hover:text-indigo-600 dark:bg-zinc-800 dark:text-zinc-300 dark:group-hover:bg-indigo-500/10 dark:group-hover:text-indigo-300">
                    <Icon className="size-5" />
                  </span>
                  {!ready && <Badge>Coming soon</Badge>}
                </span>
                <span className="mt-4 font-semibold">{label}</span>
                <span className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
