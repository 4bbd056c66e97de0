"use client";

import { DatabaseGrid } from "@/components/databases/database-grid";
import { DocumentEditor } from "@/components/documents/document-editor";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import type { ProjectSummary } from "@/lib/projects/schemas";

/** A document or database page: works out the caller's role first (viewers get a read-only view). */
export function ProjectItemPage({
  projectId,
  id,
  kind,
}: {
  projectId: string;
  id: string;
  kind: "document" | "database";
}) {
  const { data, error } = useApi<{ project: ProjectSummary }>(
    `/api/projects/${projectId}`,
    "Could not load the project.",
  );
  if (error) return <Alert>{error}</Alert>;
  if (!data)
    return (
      <p className="text-sm text-zinc-500" aria-busy="true">
        Loading…
      </p>
    );
  const canEdit = data.project.role !== "viewer";
  return kind === "document" ? (
    <DocumentEditor projectId={projectId} id={id} canEdit={canEdit} />
  ) : (
    <DatabaseGrid projectId={projectId} id={id} canEdit={canEdit} />
  );
}
