import "server-only";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { getRouter } from "./runtime";
import { CompletionRequest } from "./schemas";
import type { CompletionResult, StreamHandle } from "./types";

function samplingOf(r: CompletionRequest) {
  const s = {
    topP: r.topP,
    stopSequences: r.stop,
    seed: r.seed,
    presencePenalty: r.presencePenalty,
    frequencyPenalty: r.frequencyPenalty,
  };
  return Object.values(s).some((v) => v !== undefined) ? s : undefined;
}

/**
 * A stateless routed completion (the app's `/api/ai/chat` with `messages`, and the OpenAI-compatible
 * API). Spending AI budget is a write: API keys need the `write` scope. A project to charge must be
 * one the caller can edit.
 */
export async function createCompletion({
  ctx,
  input,
  signal,
}: {
  ctx: Ctx;
  input: unknown;
  signal?: AbortSignal;
}): Promise<{ stream: false; result: CompletionResult } | { stream: true; handle: StreamHandle }> {
  const actor = requireUser(ctx, { scope: "write" });
  const req = CompletionRequest.parse(input);
  if (req.projectId)
    await getProjectForActor({ db: ctx.db, id: req.projectId, actor, minRole: "editor" });
  const routed = {
    messages: req.messages,
    model: req.model,
    taskType: req.taskType === "auto" ? undefined : req.taskType,
    temperature: req.temperature,
    maxOutputTokens: req.maxOutputTokens,
    sampling: samplingOf(req),
    projectId: req.projectId,
    cache: req.cache,
    signal,
  };
  const router = getRouter();
  return req.stream
    ? { stream: true, handle: await router.stream(ctx, routed) }
    : { stream: false, result: await router.complete(ctx, routed) };
}
