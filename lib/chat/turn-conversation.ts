import "server-only";
import { conversations, type Conversation } from "@/db/schema";
import type { Ctx, UserActor } from "../context";
import { AppError, forbidden } from "../errors";
import { getProjectForActor } from "../projects/access";
import { getConversationForActor } from "./access";
import type { ChatTurnRequest } from "./schemas";

/**
 * The conversation a turn goes into: `conversationId` continues one of the caller's;
 * `newConversationId` starts one under the client's id, or continues it when an earlier turn made
 * it (a first turn stopped before its answer, whose response the client never read, and the next
 * question then share one thread); neither starts one under a fresh id. Someone else's id is 404
 * whichever way it comes. Answering again needs a conversation that exists.
 */
export async function conversationForTurn({
  ctx,
  actor,
  req,
}: {
  ctx: Ctx;
  actor: UserActor;
  req: ChatTurnRequest;
}): Promise<Conversation> {
  const existing = req.conversationId ?? (req.regenerate ? req.newConversationId : undefined);
  if (existing) return continued(ctx, actor, existing);
  if (req.projectId)
    await getProjectForActor({
      db: ctx.db,
      id: req.projectId,
      actor,
      minRole: "editor",
      active: true, // an archived project takes no new conversation
    });
  // 80 characters, not UTF-16 units: an emoji at the edge is kept whole, never cut in half.
  const title = Array.from((req.content ?? "New chat").replace(/\s+/g, " "))
    .slice(0, 80)
    .join("");
  const [made] = await ctx.db
    .insert(conversations)
    .values({ id: req.newConversationId, userId: actor.userId, projectId: req.projectId, title })
    .onConflictDoNothing({ target: conversations.id })
    .returning();
  return made ?? continued(ctx, actor, req.newConversationId!);
}

/** One of the caller's conversations; each turn is charged to its project, so only while they may edit it. */
async function continued(ctx: Ctx, actor: UserActor, id: string): Promise<Conversation> {
  const conversation = await getConversationForActor({ db: ctx.db, id, actor });
  if (conversation.projectId) {
    await getProjectForActor({
      db: ctx.db,
      id: conversation.projectId,
      actor,
      minRole: "editor",
      active: true,
    }).catch((err: unknown) => {
      throw err instanceof AppError && (err.code === "not_found" || err.code === "forbidden")
        ? forbidden(
            "You no longer have edit access to this conversation's project, so it cannot continue.",
          )
        : err;
    });
  }
  return conversation;
}
