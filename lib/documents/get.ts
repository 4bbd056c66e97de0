import "server-only";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { documentOf } from "./access";
import { GetDocumentInput, type DocumentOutput } from "./schemas";
import { toView } from "./views";

/** One document (any member of its project); another project's or an unknown id → 404. */
export async function getDocument({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<DocumentOutput> {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { projectId, documentId } = GetDocumentInput.parse(input);
  const { project } = await getProjectForActor({ db: ctx.db, id: projectId, actor });
  return { document: toView(await documentOf(ctx, project.id, documentId)) };
}
