import type { Metadata } from "next";
import { CreateLinks } from "@/components/workflows/list/create-links";
import { loadProjects } from "./_lib/load";
import { WorkflowList } from "@/components/workflows/list/workflow-list";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx, requirePageUser } from "@/lib/auth/page-session";
import { toAppError } from "@/lib/errors";
import { listWorkflows } from "@/lib/workflows";
import type { WorkflowListItem } from "@/lib/workflows/views";

export const metadata: Metadata = { title: "Workflows" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim() : "");

export default async function WorkflowsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; projectId?: string | string[] }>;
}) {
  const params = await searchParams;
  const q = one(params.q).slice(0, 120);
  const projectId = one(params.projectId);
  const query = new URLSearchParams({ ...(q && { q }), ...(projectId && { projectId }) });
  await requirePageUser(query.size ? `/workflows?${query}` : "/workflows");
  const ctx = await getPageCtx();
  const projects = await loadProjects(ctx);
  let workflows: WorkflowListItem[] = [];
  let error: string | undefined;
  try {
    ({ workflows } = await listWorkflows({
      ctx,
      input: { ...(q && { q }), ...(projectId && { projectId }) },
    }));
  } catch (err) {
    const e = toAppError(err);
    if (e.status >= 500) throw err;
    error = e.status === 404 ? "That project is not one of yours." : e.message;
  }
  const canCreate = projects.editable.length > 0;
  return (
    <>
      <PageHeader
        title="Workflows"
        description="AI pipelines built from steps and run on the server. Each belongs to a project; its editors build and publish it, and runs use the published version."
      >
        {canCreate && <CreateLinks projectId={projectId || undefined} />}
      </PageHeader>
      <WorkflowList
        workflows={workflows}
        projects={projects.all}
        q={q}
        projectId={projectId}
        now={ctx.clock.now().getTime()}
        canCreate={canCreate}
        error={error}
      />
    </>
  );
}
