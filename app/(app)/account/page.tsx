import type { Metadata } from "next";
import { ApiKeys } from "@/components/account/api-keys";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requirePageUser("/account");
  return (
    <>
      <PageHeader title="Account" description={`Signed in as ${actor.email}.`}>
        <div className="flex gap-2">
          <Badge tone="info">{actor.role}</Badge>
          <Badge>{actor.tier}</Badge>
        </div>
      </PageHeader>
      <div className="grid gap-6">
        <Card title="API keys" id="keys-heading">
          <ApiKeys isAdmin={actor.role === "admin"} />
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Change password" id="password-heading">
            <ChangePasswordForm />
          </Card>
          <Card title="Sessions" id="sessions-heading">
            <SignOutEverywhere />
          </Card>
        </div>
      </div>
    </>
  );
}
