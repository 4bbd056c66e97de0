import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AuditLog } from "@/components/admin/audit-log";
import { BudgetsPanel } from "@/components/admin/budgets-panel";
import { CachePanel } from "@/components/admin/cache-panel";
import { ModelsTable } from "@/components/admin/models-table";
import { adminSection, type AdminSectionSlug } from "@/components/admin/sections";
import { UsersTable } from "@/components/admin/users-table";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/page-session";

type Props = { params: Promise<{ section: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const section = adminSection((await params).section);
  return { title: section ? `${section.title} · Admin` : "Admin" };
}

const CONTENT: Record<AdminSectionSlug, (selfId: string) => ReactNode> = {
  users: (selfId) => <UsersTable selfId={selfId} />,
  models: () => <ModelsTable />,
  cache: () => <CachePanel />,
  budgets: () => <BudgetsPanel />,
  audit: () => <AuditLog />,
};

export default async function AdminSectionPage({ params }: Props) {
  const { section: slug } = await params;
  const section = adminSection(slug);
  if (!section) notFound();
  const actor = await requirePageUser(`/admin/${section.slug}`);
  // The layout tells a non-admin so; the APIs refuse them anyway.
  if (actor.role !== "admin") return null;
  return (
    <Card id={`${section.slug}-heading`} title={section.title} description={section.description}>
      {CONTENT[section.slug](actor.userId)}
    </Card>
  );
}
