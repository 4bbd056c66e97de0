import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ZodError } from "zod";
import type { ProjectRole } from "@/components/workflows/types";
import { EditorLoader } from "@/components/workflows/editor/editor-loader";
import { getPageCtx, requirePageUser } from "@/lib/auth/page-session";
import { AppError } from "@/lib/errors";
import { getProject } from "@/lib/projects";
import { getWorkflow } from "@/lib/workflows";

export const metadata: Metadata = { title: "Workflow" };

/** Loads through the services; another user's workflow and a malformed id are both 404. */
async function load(id: string) {
  const ctx = await getPageCtx();
  try {
    const { workflow, role } = await getWorkflow({ ctx, input: { workflowId: id } });
    const { project } = await getProject({ ctx, input: { id: workflow.projectId } });
    return { workflow, role: role as ProjectRole, projectName: project.name };
  } catch (err) {
    if (err instanceof ZodError || (err instanceof AppError && err.code === "not_found"))
      notFound();
    throw err;
  }
}

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser(`/workflows/${id}`);
  const data = await load(id);
  return <EditorLoader {...data} />;
}
