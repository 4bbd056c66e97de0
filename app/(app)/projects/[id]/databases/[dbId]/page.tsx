import type { Metadata } from "next";
import Link from "next/link";
import { DatabasePage } from "@/components/databases/database-page";
import { requirePageUser } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Database" };

export default async function ProjectDatabasePage({ params }: { params: Promise<{ id: string; dbId: string }> }) {
  const { id, dbId } = await params;
  await requirePageUser(`/projects/${id}/databases/${dbId}`);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href={`/projects/${id}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← Project
        </Link>
      </nav>
      <DatabasePage projectId={id} id={dbId} />
    </>
  );
}
