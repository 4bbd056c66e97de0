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
      <div className="grid grid-cols-1 gap-6">
        <Card title="API keys" id="keys-heading">
          {/* The keys table scrolls sideways on a phone; positioning its scroller keeps the
              table's visually hidden "Actions" header inside it instead of widening the page. */}
          <div className="[&_.overflow-x-auto]:relative">
            <ApiKeys isAdmin={actor.role === "admin"} />
          </div>
        </Card>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
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
