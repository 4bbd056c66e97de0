import "server-only";
import { generateText, type LanguageModel } from "ai";
import type { Ctx } from "../context";
import { AppError, validationError } from "../errors";
import type { CircuitBreaker } from "./breaker";
import { costOf, type ModelInfo, type ProviderId } from "./catalogue";
import { classifyTask } from "./classify";
import { classifyProviderError, type ErrorClass } from "./errors";
import type { Ledger } from "./ledger";
import { chooseRoute, NoRouteError } from "./policy";
import type { ChatMessage, TaskType } from "./task-types";

export interface RouterDeps {
  models: ModelInfo[];
  available: ReadonlySet<ProviderId>;
  languageModel: (m: ModelInfo) => LanguageModel;
  breaker: CircuitBreaker;
  ledger: Ledger;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries on the same model for retryable errors, before moving to the next candidate. */
  retries: number;
  backoffMs: (attempt: number, retryAfterMs?: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface CompletionInput {
  messages: ChatMessage[];
  /** A model id, or undefined/"auto" to route by task. */
  model?: string;
  taskType?: TaskType;
  temperature?: number;
  maxOutputTokens?: number;
  projectId?: string;
}

export interface RouteDecision {
  taskType: TaskType;
  confidence: number;
  reason: string;
  model: string;
  provider: ProviderId;
  fallbacksTried: { model: string; errorClass: ErrorClass | "circuit_open" }[];
}

export interface CompletionResult {
  text: string;
  usage: { inputTokens: number; outputTokens: number };
  costUsd: number;
  latencyMs: number;
  decision: RouteDecision;
}

const estimateTokens = (messages: ChatMessage[]) => Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);

/**
 * One routed, non-streaming completion: classify (unless given), choose the model and its
 * fallbacks, then try them in order — skipping providers whose circuit is open, retrying
 * retryable failures with backoff, moving on after that — and record one ledger row either way.
 */
export async function complete({ ctx, input, deps }: { ctx: Ctx; input: CompletionInput; deps: RouterDeps }): Promise<CompletionResult> {
  const started = performance.now();
  const classification = input.taskType ? { taskType: input.taskType, confidence: 1, reason: "task type given by the caller" } : classifyTask(input.messages);
  const explicitModel = input.model && input.model !== "auto" ? input.model : undefined;
  let route;
  try {
    route = chooseRoute({ taskType: classification.taskType, models: deps.models, available: deps.available, explicitModel, needs: { tokens: estimateTokens(input.messages) + (input.maxOutputTokens ?? 1024) } });
  } catch (err) {
    if (!(err instanceof NoRouteError)) throw err;
    if (explicitModel) throw validationError([{ field: "model", message: err.message }], err.message);
    throw new AppError("unavailable", err.message);
  }
  const actor = ctx.actor.kind === "user" ? ctx.actor : undefined;
  const base = { userId: actor?.userId, apiKeyId: actor?.apiKeyId, projectId: input.projectId, requestId: ctx.requestId, taskType: classification.taskType, requestedModel: input.model ?? "auto" };
  const tried: RouteDecision["fallbacksTried"] = [];
  const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));

  for (const model of route.candidates) {
    if (!deps.breaker.tryAcquire(model.provider)) {
      tried.push({ model: model.id, errorClass: "circuit_open" });
      continue;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await generateText({
          model: deps.languageModel(model),
          messages: input.messages.filter((m) => m.role !== "tool") as never,
          temperature: input.temperature,
          maxOutputTokens: input.maxOutputTokens,
          maxRetries: 0,
          abortSignal: AbortSignal.timeout(deps.timeoutMs),
        });
        deps.breaker.onSuccess(model.provider);
        const usage = { inputTokens: result.usage.inputTokens ?? 0, outputTokens: result.usage.outputTokens ?? 0 };
        const latencyMs = Math.round(performance.now() - started);
        const costUsd = costOf(model, usage.inputTokens, usage.outputTokens);
        deps.ledger.record({ ...base, servedModel: model.id, provider: model.provider, ...usage, costUsd, latencyMs, status: "ok", fallbackCount: tried.length });
        const decision = { ...classification, reason: `${classification.reason}; ${route.reason}`, model: model.id, provider: model.provider, fallbacksTried: tried };
        return { text: result.text, usage, costUsd, latencyMs, decision };
      } catch (err) {
        const failure = classifyProviderError(err);
        ctx.log.warn({ model: model.id, attempt, errorClass: failure.errorClass, status: failure.status }, "provider attempt failed");
        if (failure.retryable) deps.breaker.onFailure(model.provider);
        if (failure.retryable && attempt < deps.retries && deps.breaker.state(model.provider) === "closed") {
          await sleep(deps.backoffMs(attempt, failure.retryAfterMs));
          continue;
        }
        tried.push({ model: model.id, errorClass: failure.errorClass });
        if (!failure.retryable) {
          deps.ledger.record({ ...base, servedModel: model.id, provider: model.provider, latencyMs: Math.round(performance.now() - started), status: "error", errorClass: failure.errorClass, fallbackCount: tried.length - 1 });
          throw new AppError("upstream", `The provider refused the request (${failure.status ?? failure.errorClass}).`, { attempts: tried });
        }
        break;
      }
    }
  }
  deps.ledger.record({ ...base, latencyMs: Math.round(performance.now() - started), status: "error", errorClass: tried.at(-1)?.errorClass ?? "unknown", fallbackCount: Math.max(0, tried.length - 1) });
  throw new AppError("upstream", "Every provider that could serve this request failed. Try again shortly.", { attempts: tried });
}
