import type { Metadata } from "next";
import Link from "next/link";
import { ProjectItemPage } from "@/components/projects/project-item-page";
import { requirePageUser } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Database" };

export default async function ProjectDatabasePage({
  params,
}: {
  params: Promise<{ id: string; dbId: string }>;
}) {
  const { id, dbId } = await params;
  await requirePageUser(`/projects/${id}/databases/${dbId}`);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link
          href={`/projects/${id}`}
          className="text-indigo-600 hover:underline dark:text-indigo-400"
        >
          ← Project
        </Link>
      </nav>
      <ProjectItemPage projectId={id} id={dbId} kind="database" />
    </>
  );
}
