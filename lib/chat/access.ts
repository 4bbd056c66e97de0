import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, type Conversation } from "@/db/schema";
import type { UserActor } from "../context";
import { notFound } from "../errors";
import { ConversationId } from "./schemas";

/** A conversation of the actor's, or 404 (someone else's, deleted, or a malformed id alike). */
export async function getConversationForActor({
  db,
  id,
  actor,
}: {
  db: Db;
  id: string;
  actor: UserActor;
}): Promise<Conversation> {
  const parsed = ConversationId.safeParse(id);
  if (!parsed.success) throw notFound("Conversation");
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, parsed.data), eq(conversations.userId, actor.userId)));
  if (!row) throw notFound("Conversation");
  return row;
}
