import type { Metadata } from "next";
import Link from "next/link";
import { ProjectDetail } from "@/components/projects/project-detail";
import { ProjectWorkflows } from "@/components/workflows/list/project-workflows";
import { getPageCtx, requirePageUser } from "@/lib/auth/page-session";
import { loadProjectWorkflows } from "../../workflows/_lib/load";

export const metadata: Metadata = { title: "Project" };

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageUser(`/projects/${id}`);
  const ctx = await getPageCtx();
  const flows = await loadProjectWorkflows(ctx, id);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/projects" className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← Projects
        </Link>
      </nav>
      <ProjectDetail
        id={id}
        selfId={actor.userId}
        workflows={
          flows && (
            <ProjectWorkflows
              projectId={id}
              workflows={flows.workflows}
              canEdit={flows.canEdit}
              now={ctx.clock.now().getTime()}
            />
          )
        }
      />
    </>
  );
}
