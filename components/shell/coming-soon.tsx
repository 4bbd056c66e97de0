import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { NAV_ITEMS } from "./nav-items";

/**
 * The honest state of a section whose feature has not landed yet: what it will do, and no
 * pretend controls.
 */
export function ComingSoon({ href, plans }: { href: string; plans: string[] }) {
  const item = NAV_ITEMS.find((i) => i.href === href);
  if (!item) throw new Error(`unknown section ${href}`);
  const Icon = item.icon;
  return (
    <>
      <PageHeader title={item.label} description={item.description}>
        <Badge tone="info">Not available yet</Badge>
      </PageHeader>
      <section
        aria-labelledby="plans-heading"
        className="rounded-2xl border border-dashed border-zinc-300 bg-white p-8 text-center dark:border-zinc-700 dark:bg-zinc-900"
      >
        <span className="mx-auto grid size-12 place-items-center rounded-xl bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-300">
          <Icon className="size-6" />
        </span>
        <h2 id="plans-heading" className="mt-4 text-lg font-semibold">
          {item.label} is on its way
        </h2>
        <p className="mx-auto mt-2 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
          This section arrives in an upcoming release. It will let you:
        </p>
        <ul className="mx-auto mt-4 max-w-md space-y-2 text-left text-sm text-zinc-700 dark:text-zinc-300">
          {plans.map((plan) => (
            <li key={plan} className="flex gap-2">
              <span
                aria-hidden="true"
                className="mt-1.5 size-1.5 shrink-0 rounded-full bg-indigo-500"
              />
              {plan}
            </li>
          ))}
        </ul>
        <Link
          href="/"
          className="mt-6 inline-flex rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Back to the dashboard
        </Link>
      </section>
    </>
  );
}
