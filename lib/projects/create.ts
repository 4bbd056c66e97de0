import "server-only";
import { projectMembers, projects } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { CreateProjectInput, type ProjectOutput } from "./schemas";
import { toSummary } from "./views";

/** Creates a project; its creator is its first owner. Audited. */
export async function createProject({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ProjectOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const data = CreateProjectInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const [project] = await tx.db
      .insert(projects)
      .values({ ...data, createdBy: actor.userId })
      .returning();
    await tx.db
      .insert(projectMembers)
      .values({ projectId: project!.id, userId: actor.userId, role: "owner" });
    await recordAudit(tx, {
      action: "project.create",
      targetType: "project",
      targetId: project!.id,
      metadata: { name: data.name },
    });
    return { project: toSummary(project!, "owner", 1) };
  });
}
