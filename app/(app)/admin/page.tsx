import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit-log";
import { BudgetsPanel } from "@/components/admin/budgets-panel";
import { CachePanel } from "@/components/admin/cache-panel";
import { ModelsTable } from "@/components/admin/models-table";
import { UsersTable } from "@/components/admin/users-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
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
      <PageHeader
        title="Admin"
        description="Users, roles and tiers; the AI model catalogue, spending caps and response cache; and the audit trail of everything that matters."
      />
      <div className="grid gap-6">
        <Card id="users-heading" title="Users">
          <UsersTable selfId={actor.userId} />
        </Card>
        <Card id="models-heading" title="AI models">
          <ModelsTable />
        </Card>
        <Card id="cache-heading" title="Response cache">
          <CachePanel />
        </Card>
        <Card id="budgets-heading" title="AI budgets">
          <BudgetsPanel />
        </Card>
        <Card id="audit-heading" title="Audit log">
          <AuditLog />
        </Card>
      </div>
    </>
  );
}
