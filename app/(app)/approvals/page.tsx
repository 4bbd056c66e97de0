import type { Metadata } from "next";
import Link from "next/link";
import { ApprovalCard } from "@/components/workflows/approvals/approval-card";
import { runHref } from "@/components/workflows/approvals/approval-times";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx, requirePageUser } from "@/lib/auth/page-session";
import { isUuid } from "@/lib/ids";
import { listApprovals } from "@/lib/workflows";
import { decideApprovalAction } from "./actions";

export const metadata: Metadata = { title: "Approvals" };

type Params = {
  decided?: string | string[];
  run?: string | string[];
  workflow?: string | string[];
};

/** The notice after a decision (the action redirects here with what it did). */
function decidedNotice(p: Params) {
  const status = (["approved", "rejected", "stale"] as const).find((s) => s === p.decided);
  if (!status) return null;
  const run = typeof p.run === "string" && isUuid(p.run) ? p.run : null;
  const workflow = typeof p.workflow === "string" && isUuid(p.workflow) ? p.workflow : null;
  return { status, href: run && workflow ? runHref(workflow, run) : null };
}

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requirePageUser("/approvals");
  const ctx = await getPageCtx();
  const notice = decidedNotice(await searchParams);
  const listed = await listApprovals({ ctx }).then(
    (r) => r.approvals,
    (err: unknown) => (ctx.log.error({ err }, "listing approvals failed"), null),
  );
  const now = ctx.clock.now().getTime();
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Workflow runs waiting for a person: each asks for someone with at least the named role in its project. Approve or reject with a comment; the run goes on from there."
      />
      <div className="space-y-4">
        {notice?.status === "stale" && (
          <Alert tone="info">
            That approval was already decided, or its run has ended: nothing changed. The list below
            is up to date.
          </Alert>
        )}
        {notice && notice.status !== "stale" && (
          <Alert tone="success">
            {notice.status === "approved"
              ? "Approved: the run goes on."
              : "Rejected: the run takes its rejected branch."}{" "}
            {notice.href && (
              <Link href={notice.href} className="font-medium underline">
                Open the run
              </Link>
            )}
          </Alert>
        )}
        {listed === null ? (
          <Alert>Could not load the approvals. Reload the page to try again.</Alert>
        ) : listed.length === 0 ? (
          <div className="rounded-2xl border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
            <p className="font-medium">Nothing is waiting for you</p>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              When a workflow reaches an approval step you may decide, it shows up here.
            </p>
          </div>
        ) : (
          <section aria-label="Waiting for your decision" className="space-y-4">
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {listed.length} waiting for your decision, newest first.
            </p>
            <ul className="space-y-4">
              {listed.map((a) => (
                <li key={a.id}>
                  <ApprovalCard approval={a} now={now} action={decideApprovalAction} />
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
}
