import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit-log";
import { BudgetsPanel } from "@/components/admin/budgets-panel";
import { CachePanel } from "@/components/admin/cache-panel";
import { ModelsTable } from "@/components/admin/models-table";
import { UsersTable } from "@/components/admin/users-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const actor = await requirePageUser("/admin");
  if (actor.role !== "admin") {
    return (
      <>
        <PageHeader title="Admin" />
        <Alert>Only admins can open this page.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Admin" description="Users, roles and tiers; the AI model catalogue, spending caps and response cache; and the audit trail of everything that matters." />
      <div className="grid gap-6">
        <section aria-labelledby="users-heading" className="rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="users-heading" className="mb-4 text-sm font-semibold">Users</h2>
          <UsersTable selfId={actor.userId} />
        </section>
        <section aria-labelledby="models-heading" className="rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="models-heading" className="mb-4 text-sm font-semibold">AI models</h2>
          <ModelsTable />
        </section>
        <section aria-labelledby="cache-heading" className="rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="cache-heading" className="mb-4 text-sm font-semibold">Response cache</h2>
          <CachePanel />
        </section>
        <section aria-labelledby="budgets-heading" className="rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="budgets-heading" className="mb-4 text-sm font-semibold">AI budgets</h2>
          <BudgetsPanel />
        </section>
        <section aria-labelledby="audit-heading" className="rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="audit-heading" className="mb-4 text-sm font-semibold">Audit log</h2>
          <AuditLog />
        </section>
      </div>
    </>
  );
}
