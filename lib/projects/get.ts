import "server-only";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "./access";
import { GetProjectInput, type GetProjectOutput } from "./schemas";
import { membersOf, toSummary } from "./views";

/** One project with its members; any member may read it, anyone else gets 404. */
export async function getProject({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<GetProjectOutput> {
  const actor = requireUser(ctx, { scope: "read" });
  const { id } = GetProjectInput.parse(input);
  const { project, role } = await getProjectForActor({ db: ctx.db, id, actor });
  const members = await membersOf(ctx.db, project.id);
  return { project: toSummary(project, role, members.length), members };
}
