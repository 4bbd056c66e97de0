import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getPageActor } from "@/lib/auth/page-session";

// The admin area: a side index of its sections (one page each) beside the open one.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await getPageActor();
  if (actor.kind !== "user" || actor.role !== "admin") {
    // Anonymous visitors never get here (the app layout sends them to /login).
    return (
      <>
        <PageHeader title="Admin" />
        <Alert>Only admins can open this page.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Admin" />
      <div className="lg:grid lg:grid-cols-[10rem_minmax(0,1fr)] lg:gap-8">
        <AdminNav />
        <div className="min-w-0">{children}</div>
      </div>
    </>
  );
}
