import "server-only";
import { notFound } from "next/navigation";
import { getPageCtx, requirePageUser } from "@/lib/auth/page-session";
import { AppError } from "@/lib/errors";
import { getWorkflow } from "@/lib/workflows";
import { roleAtLeast } from "@/lib/workflows/access";

/** A service call of a page: the service's 404 (unknown, or another user's) is the page's 404. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

/** The signed-in caller's workflow for a runs page, its node labels, and whether they may run it. */
export async function loadWorkflowForPage(id: string, path: string) {
  await requirePageUser(path);
  const ctx = await getPageCtx();
  const { workflow, role } = await orNotFound(getWorkflow({ ctx, input: { workflowId: id } }));
  const labels: Record<string, string> = {};
  // A node without a label goes by its id (unique, and what expressions call it).
  for (const n of workflow.draft.nodes as { id?: unknown; label?: unknown }[])
    if (typeof n?.id === "string")
      labels[n.id] = typeof n.label === "string" && n.label ? n.label : n.id;
  const canRun = roleAtLeast(role as "owner" | "editor" | "viewer", workflow.runRole);
  const trigger = (workflow.draft.nodes as { type?: unknown; config?: unknown }[]).find(
    (n) => n?.type === "trigger",
  );
  const triggerConfig = (trigger?.config ?? null) as Record<string, unknown> | null;
  return { ctx, workflow, role, labels, canRun, triggerConfig };
}
