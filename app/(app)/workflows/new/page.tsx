import type { Metadata } from "next";
import Link from "next/link";
import { CreateWorkflowForm } from "@/components/workflows/list/create-workflow-form";
import { textLink } from "@/components/workflows/list/link-styles";
import { loadProjects } from "../_lib/load";
import { NoEditableProject } from "@/components/workflows/list/no-editable-project";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx, requirePageUser } from "@/lib/auth/page-session";
import { listTemplates } from "@/lib/workflows";
import { createWorkflowAction } from "./actions";

export const metadata: Metadata = { title: "New workflow" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function NewWorkflowPage({
  searchParams,
}: {
  searchParams: Promise<{ projectId?: string | string[]; template?: string | string[] }>;
}) {
  await requirePageUser("/workflows/new");
  const [params, ctx] = await Promise.all([searchParams, getPageCtx()]);
  const { editable } = await loadProjects(ctx);
  const projectId = one(params.projectId);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/workflows" className={textLink}>
          ← Workflows
        </Link>
      </nav>
      <PageHeader
        title="New workflow"
        description="Name it, choose its project, and start blank or from a ready template; you land in the editor."
      >
        {editable.length > 0 && (
          <Link
            href={`/workflows/new/import${projectId ? `?projectId=${encodeURIComponent(projectId)}` : ""}`}
            className={`text-sm ${textLink}`}
          >
            Import a JSON file instead
          </Link>
        )}
      </PageHeader>
      {editable.length === 0 ? (
        <NoEditableProject />
      ) : (
        <Card id="new-workflow-heading" title="Workflow">
          <CreateWorkflowForm
            projects={editable}
            templates={listTemplates()}
            action={createWorkflowAction}
            initial={{ projectId, template: one(params.template) }}
          />
        </Card>
      )}
    </>
  );
}
