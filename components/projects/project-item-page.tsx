"use client";

import { DatabaseGrid } from "@/components/databases/database-grid";
import { DocumentEditor } from "@/components/documents/document-editor";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import type { ProjectSummary } from "@/lib/projects/schemas";
import { ArchivedNotice } from "./archived-notice";

/**
 * A document or database page: works out the caller's role first. Viewers, and everyone in an
 * archived project, get a read-only view (the services refuse their writes anyway).
 */
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
  const archived = !!data.project.archivedAt;
  const canEdit = data.project.role !== "viewer" && !archived;
  return (
    <div className="space-y-4">
      {archived && <ArchivedNotice owner={data.project.role === "owner"} />}
      {kind === "document" ? (
        <DocumentEditor
          projectId={projectId}
          id={id}
          canEdit={canEdit}
          readOnlyLabel={archived ? "Read only (archived)" : "Read only (viewer)"}
        />
      ) : (
        <DatabaseGrid projectId={projectId} id={id} canEdit={canEdit} />
      )}
    </div>
  );
}
