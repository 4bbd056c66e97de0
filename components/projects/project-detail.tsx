"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DatabaseList } from "@/components/databases/database-list";
import { DocumentList } from "@/components/documents/document-list";
import { api, ApiError } from "@/components/lib/api";
import { useApi } from "@/components/lib/use-api";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { PROJECT_ROLES, type ProjectMemberView, type ProjectSummary } from "@/lib/projects/schemas";
import { InviteMember } from "./invite-member";
import { ProjectDetailsForm } from "./project-details-form";

const message = (err: unknown, fallback: string) =>
  err instanceof ApiError ? (Object.values(err.fields)[0] ?? err.message) : fallback;

/** One project: details (editors rename), members (owners manage, anyone leaves), archive and delete (owners). */
export function ProjectDetail({ id, selfId }: { id: string; selfId: string }) {
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
  const [confirm, setConfirm] = useState("");

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
  const canEdit = owner || project.role === "editor";

  const leaveOrRemove = (m: ProjectMemberView) =>
    act(
      () => api(`/api/projects/${id}/members/${m.userId}`, { method: "DELETE" }),
      "Removing failed.",
      () => m.userId === selfId && router.push("/projects"),
    );

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight md:text-3xl">{project.name}</h1>
          <p className="mt-2 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
            {project.description || "No description."}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {project.archivedAt && <Badge>archived</Badge>}
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
                    api(`/api/projects/${id}`, {
                      method: "PATCH",
                      json: { archived: !project.archivedAt },
                    }),
                  "Archiving failed.",
                )
              }
            >
              {project.archivedAt ? "Restore" : "Archive"}
            </Button>
          )}
        </div>
      </header>
      {error && <Alert>{error}</Alert>}
      {edit && (
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
      <Card id="members-heading" title={`Members (${members.length})`}>
        <DataTable
          headers={["Member", "Role", { label: "Actions", hidden: true }]}
          testId="members-table"
        >
          {members.map((m) => (
            <tr key={m.userId} data-testid={`member-${m.email}`}>
              <td className="py-2 pr-4">
                <span className="block font-medium">{m.email}</span>
                <span className="text-xs text-zinc-500">
                  {m.name || "—"} · since {new Date(m.joinedAt).toLocaleDateString()}
                </span>
              </td>
              <td className="py-2 pr-4">
                {owner ? (
                  <Select
                    variant="sm"
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) =>
                      act(
                        () =>
                          api(`/api/projects/${id}/members/${m.userId}`, {
                            method: "PATCH",
                            json: { role: e.target.value },
                          }),
                        "Changing the role failed.",
                      )
                    }
                  >
                    {PROJECT_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Badge>{m.role}</Badge>
                )}
              </td>
              <td className="py-2 text-right">
                {(owner || m.userId === selfId) && (
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    onClick={() => leaveOrRemove(m)}
                  >
                    {m.userId === selfId ? "Leave" : "Remove"}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        {owner && <InviteMember projectId={id} roles={PROJECT_ROLES} onInvited={reload} />}
      </Card>
      {owner && (
        <section
          aria-labelledby="danger-heading"
          className="rounded-2xl border border-red-200 bg-white p-5 shadow-sm dark:border-red-500/30 dark:bg-zinc-900"
        >
          <h2 id="danger-heading" className="text-sm font-semibold text-red-700 dark:text-red-400">
            Delete this project
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Deletes it for good with its members and conversations (the AI cost ledger keeps its
            rows, without the project). Type its name to confirm.
          </p>
          <Form
            aria-label="Delete this project"
            className="mt-3 flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                () => api(`/api/projects/${id}`, { method: "DELETE", json: { confirm } }),
                "Deleting failed.",
                () => router.push("/projects"),
              );
            }}
          >
            <label className="grid gap-1 text-sm">
              <span className="text-xs font-medium">Project name</span>
              <Input
                className="w-64"
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
              />
            </label>
            <Button type="submit" variant="danger" disabled={confirm !== project.name}>
              Delete project
            </Button>
          </Form>
        </section>
      )}
    </div>
  );
}
