"use client";

import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import type { ProjectMemberView, ProjectSummary } from "@/lib/projects/schemas";
import { DatabaseGrid } from "./database-grid";

/** Works out the caller's role, then shows the grid (read-only for viewers). */
export function DatabasePage({ projectId, id }: { projectId: string; id: string }) {
  const { data, error } = useApi<{ project: ProjectSummary; members: ProjectMemberView[] }>(`/api/projects/${projectId}`, "Could not load the project.");
  if (error) return <Alert>{error}</Alert>;
  if (!data) return <p className="text-sm text-zinc-500" aria-busy="true">Loading…</p>;
  return <DatabaseGrid projectId={projectId} id={id} canEdit={data.project.role !== "viewer"} />;
}
