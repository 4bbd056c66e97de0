import type { Metadata } from "next";
import Link from "next/link";
import { ImportWorkflowForm } from "@/components/workflows/list/import-workflow-form";
import { textLink } from "@/components/workflows/list/link-styles";
import { loadProjects } from "../../_lib/load";
import { NoEditableProject } from "@/components/workflows/list/no-editable-project";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx, requirePageUser } from "@/lib/auth/page-session";
import { importWorkflowAction } from "../actions";

export const metadata: Metadata = { title: "Import a workflow" };

export default async function ImportWorkflowPage({
  searchParams,
}: {
  searchParams: Promise<{ projectId?: string | string[] }>;
}) {
  await requirePageUser("/workflows/new/import");
  const [params, ctx] = await Promise.all([searchParams, getPageCtx()]);
  const { editable } = await loadProjects(ctx);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/workflows" className={textLink}>
          ← Workflows
        </Link>
      </nav>
      <PageHeader
        title="Import a workflow"
        description="Create a workflow from a JSON file made with Export. The whole file is checked first; nothing is created until it has no problems."
      />
      {editable.length === 0 ? (
        <NoEditableProject />
      ) : (
        <Card id="import-heading" title="From a file">
          <ImportWorkflowForm
            projects={editable}
            action={importWorkflowAction}
            initialProjectId={typeof params.projectId === "string" ? params.projectId : undefined}
          />
        </Card>
      )}
    </>
  );
}
