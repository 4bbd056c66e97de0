"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { DatabaseList } from "@/components/databases/database-list";
import { DocumentList } from "@/components/documents/document-list";
import { api, ApiError } from "@/components/lib/api";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ProjectMemberView, ProjectSummary } from "@/lib/projects/schemas";
import { DeleteProject } from "./delete-project";
import { ArchivedNotice } from "./archived-notice";
import { ProjectDetailsForm } from "./project-details-form";
import { ProjectMembers } from "./project-members";

const message = (err: unknown, fallback: string) =>
  err instanceof ApiError ? (Object.values(err.fields)[0] ?? err.message) : fallback;

/**
 * One project: details (editors rename), documents and databases, members (owners manage, anyone
 * leaves), archive and delete (owners). An archived project is read-only: nothing here offers a
 * change the services would refuse, only Restore and Delete (owners) and member removals.
 */
export function ProjectDetail({
  id,
  selfId,
  workflows,
}: {
  id: string;
  selfId: string;
  /** The server-rendered Workflows section, shown after the databases. */
  workflows?: ReactNode;
}) {
  const router = useRouter();
  const {
    data,
    error: loadError,
    reload,
  } = useApi<{ project: ProjectSummary; members: ProjectMemberView[] }>(
    `/api/projects/${id}`,
    "Could not load the project.",
  );
  const [error, setError] = useState<string | null>(null);
  const [edit, setEdit] = useState<{ name: string; description: string } | null>(null);

  async function act(fn: () => Promise<unknown>, fallback: string, after?: () => void) {
    try {
      await fn();
      setError(null);
      after?.();
    } catch (err) {
      setError(message(err, fallback));
    }
    reload();
  }

  if (loadError) return <Alert>{loadError}</Alert>;
  if (!data)
    return (
      <p className="text-sm text-zinc-500" aria-busy="true">
        Loading the project…
      </p>
    );
  const { project, members } = data;
  const owner = project.role === "owner";
  const archived = !!project.archivedAt;
  const canEdit = (owner || project.role === "editor") && !archived;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl wrap-anywhere font-semibold tracking-tight md:text-3xl">
            {project.name}
          </h1>
          <p className="mt-2 max-w-2xl text-sm wrap-anywhere text-zinc-600 dark:text-zinc-400">
            {project.description || "No description."}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {archived && <Badge>archived</Badge>}
          <Badge tone="info">you are {project.role}</Badge>
          {canEdit && !edit && (
            <Button
              variant="secondary"
              onClick={() => setEdit({ name: project.name, description: project.description })}
            >
              Edit details
            </Button>
          )}
          {owner && (
            <Button
              variant="secondary"
              onClick={() =>
                act(
                  () =>
                    api(`/api/projects/${id}`, { method: "PATCH", json: { archived: !archived } }),
                  archived ? "Restoring failed." : "Archiving failed.",
                )
              }
            >
              {archived ? "Restore" : "Archive"}
            </Button>
          )}
        </div>
      </header>
      {archived && <ArchivedNotice owner={owner} />}
      {error && <Alert>{error}</Alert>}
      {edit && canEdit && (
        <Card id="details-heading" title="Details">
          <ProjectDetailsForm
            projectId={id}
            initial={edit}
            onSaved={() => (setEdit(null), setError(null), reload())}
            onCancel={() => setEdit(null)}
          />
        </Card>
      )}
      <Card id="documents-heading" title="Documents">
        <DocumentList projectId={id} canEdit={canEdit} />
      </Card>
      <Card id="databases-heading" title="Databases">
        <DatabaseList projectId={id} canEdit={canEdit} />
      </Card>
      {workflows}
      <ProjectMembers
        projectId={id}
        members={members}
        selfId={selfId}
        owner={owner}
        archived={archived}
        act={act}
        onInvited={reload}
        onLeft={() => router.push("/projects")}
      />
      {owner && (
        <DeleteProject
          projectId={id}
          name={project.name}
          act={act}
          onDeleted={() => router.push("/projects")}
        />
      )}
    </div>
  );
}
