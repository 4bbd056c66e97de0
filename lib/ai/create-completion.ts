import "server-only";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { toRouterInput } from "./input";
import { CompletionRequest } from "./schemas";
import type { CompletionOutput } from "./schemas";
import type { RequestSource, StreamHandle } from "./types";

/**
 * A stateless routed completion (the app's `/api/ai/chat` with `messages`, and the OpenAI-compatible
 * API). Spending AI budget is a write: API keys need the `write` scope. A project to charge must be
 * one the caller can edit. `source` is the entry's (never the caller's) and goes on the ledger row.
 */
export async function createCompletion({
  ctx,
  input,
  signal,
  source,
}: {
  ctx: Ctx;
  input: unknown;
  signal?: AbortSignal;
  source: RequestSource;
}): Promise<{ stream: false; result: CompletionOutput } | { stream: true; handle: StreamHandle }> {
  const actor = requireUser(ctx, { scope: "write" });
  const req = CompletionRequest.parse(input);
  if (req.projectId) {
    await getProjectForActor({
      db: ctx.db,
      id: req.projectId,
      actor,
      minRole: "editor",
      active: true, // nothing is charged to an archived project
    });
  }
  const routed = toRouterInput(req, {
    messages: req.messages,
    projectId: req.projectId,
    signal,
    source,
  });
  return req.stream
    ? { stream: true, handle: await ctx.ai.stream(ctx, routed) }
    : { stream: false, result: await ctx.ai.complete(ctx, routed) };
}
