import type { Metadata } from "next";
import { ApiKeys } from "@/components/account/api-keys";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionList } from "@/components/account/session-list";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listSessions } from "@/lib/auth";
import { getPageCtx, requirePageUser } from "@/lib/auth/page-session";
import { SESSION_NOTICES } from "@/lib/auth/session-forms";
import { signOutSessionAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ session?: string | string[] }>;
}) {
  const actor = await requirePageUser("/account");
  const ctx = await getPageCtx();
  const [{ sessions }, params] = await Promise.all([listSessions({ ctx }), searchParams]);
  const notice = SESSION_NOTICES.find((n) => n === params.session);
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
          <Card
            title="Sessions"
            id="sessions-heading"
            description="Where your account is signed in. Signing a session out ends it at once, on every server."
          >
            <div className="space-y-5">
              <SessionList
                sessions={sessions}
                notice={notice}
                now={ctx.clock.now().getTime()}
                action={signOutSessionAction}
              />
              <SignOutEverywhere />
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
