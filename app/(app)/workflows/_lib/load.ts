import "server-only";
import type { Ctx } from "@/lib/context";
import { toAppError } from "@/lib/errors";
import { getProject, listProjects } from "@/lib/projects";
import { listWorkflows } from "@/lib/workflows";

/**
 * The caller's projects for the workflow pages: all of them (the list's filter) and those they
 * may create workflows in (editor or owner, not archived). The first 100 by last change: the
 * project service's page limit, plenty for a select.
 */
export async function loadProjects(ctx: Ctx) {
  const { projects } = await listProjects({ ctx, input: { status: "all", pageSize: 100 } });
  const all = projects.map((p) => ({ id: p.id, name: p.name }));
  const editable = projects
    .filter((p) => p.role !== "viewer" && !p.archivedAt)
    .map((p) => ({ id: p.id, name: p.name }));
  return { all, editable };
}

/**
 * A project's workflows and whether the caller may add some (editor or owner of an active
 * project); null when the project cannot be read (the project page says why itself).
 */
export async function loadProjectWorkflows(ctx: Ctx, projectId: string) {
  try {
    const [{ project }, { workflows }] = await Promise.all([
      getProject({ ctx, input: { id: projectId } }),
      listWorkflows({ ctx, input: { projectId } }),
    ]);
    return { workflows, canEdit: project.role !== "viewer" && !project.archivedAt };
  } catch (err) {
    if (toAppError(err).status >= 500) throw err;
    return null;
  }
}
