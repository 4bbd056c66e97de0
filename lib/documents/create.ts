import "server-only";
import { documents } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { CreateDocumentInput, type DocumentOutput } from "./schemas";
import { checkSize } from "./size";
import { plainText } from "./text";
import { toView } from "./views";

/** Creates a document (editors and owners). */
export async function createDocument({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<DocumentOutput> {
  const actor = requireUser(ctx, { scope: "write", system: true });
  const { projectId, ...data } = CreateDocumentInput.parse(input);
  checkSize(data.content);
  const { project } = await getProjectForActor({
    db: ctx.db,
    id: projectId,
    actor,
    minRole: "editor",
    active: true,
  });
  const [doc] = await ctx.db
    .insert(documents)
    .values({
      projectId: project.id,
      title: data.title,
      content: data.content,
      text: plainText(data.content),
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .returning();
  return { document: toView(doc!) };
}
