import "server-only";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { StopChatTurnInput, type StopChatTurnOutput } from "./schemas";

/**
 * Stops one of the caller's answers streaming from this process (the Stop button). Its stream
 * then ends at once with the `saved` event of the text so far, stored as stopped right after its
 * question: the client waits for that event, so the next question and a reload come after it.
 * An answer that has ended, is someone else's or streams from another instance is 404 alike;
 * the client then closes the stream, and the server keeps what arrived when it notices.
 */
export async function stopChatTurn({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<StopChatTurnOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const { turnId } = StopChatTurnInput.parse(input);
  if (!ctx.turns.stop(turnId, actor.userId))
    throw new AppError("not_found", "This answer is not streaming here (it may have ended).");
  return { stopped: true };
}
