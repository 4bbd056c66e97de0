import "server-only";
import { cacheKey } from "../cache/key";
import { cacheDecision } from "../cache/policy";
import { actingUser, type Ctx } from "../context";
import { AppError, validationError } from "../errors";
import type { BudgetVerdict } from "./budgets";
import { costOf } from "./catalogue";
import { classifyTask } from "./classify";
import type { RouterDeps } from "./deps";
import { chooseRoute, NoRouteError, type RouteChoice } from "./policy";
import { settle, type LedgerBase } from "./settle";
import type { TaskType } from "./task-types";
import type { CacheStatus, CompletionInput } from "./types";

/** Everything decided before a provider is called. */
export interface Plan {
  started: number;
  classification: { taskType: TaskType; confidence: number; reason: string };
  route: RouteChoice;
  /** Whether the caller allowed another model to answer for an explicit one. */
  fallbackAllowed: boolean;
  /** The cache key, when the answer may be cached (and may come from the cache). */
  key?: string;
  cache: { read: boolean; write: boolean; ttlSeconds: number; status: CacheStatus };
  base: LedgerBase;
  /** Releases the budget reservation (settle calls it, once). */
  release?: () => void;
}

const promptTokens = (input: CompletionInput) =>
  Math.ceil(input.messages.reduce((n, m) => n + m.content.length, 0) / 4);
const estimateTokens = (input: CompletionInput) =>
  promptTokens(input) + (input.maxOutputTokens ?? 1024);
/** What a request may cost at most on `model`: its prompt and its output cap (or 1,024 tokens). */
const estimateUsd = (model: RouteChoice["model"], input: CompletionInput) =>
  costOf(model, promptTokens(input), input.maxOutputTokens ?? 1024);

/**
 * Classifies, checks budgets, chooses the route and decides how the cache takes part. A request
 * refused here (over budget, no model can serve it) is settled here.
 */
export async function plan(
  ctx: Ctx,
  input: CompletionInput,
  deps: RouterDeps,
  stream: boolean,
): Promise<Plan> {
  const started = performance.now();
  const classification = input.taskType
    ? { taskType: input.taskType, confidence: 1, reason: "task type given by the caller" }
    : classifyTask(input.messages);
  const user = actingUser(ctx.actor);
  const base: LedgerBase = {
    userId: user?.userId,
    apiKeyId: ctx.actor.kind === "user" ? ctx.actor.apiKeyId : undefined,
    projectId: input.projectId,
    requestId: ctx.requestId,
    taskType: classification.taskType,
    requestedModel: input.model ?? "auto",
    stream,
    source: input.source,
    workflowRunId: input.workflow?.runId,
    workflowStepId: input.workflow?.stepId,
  };
  let settled = false;
  const refuse = (errorClass: "budget_exceeded" | "no_route", err: AppError) => {
    settled = true;
    settle(deps.ledger, { base, started }, { kind: "refused", errorClass });
    return err;
  };
  try {
    return await decide();
  } catch (err) {
    // A fault of ours (the budgets or the catalogue could not be read): still exactly one row.
    if (!settled) {
      settle(
        deps.ledger,
        { base, started },
        { kind: "failed", errorClass: "internal", fallbacks: 0 },
      );
    }
    throw err;
  }

  async function decide(): Promise<Plan> {
    const check = await deps.budgets?.prepare(ctx, input.projectId);
    const models = await deps.models();
    // From here to the reservation nothing awaits: the verdict and the reservation see the same
    // counters, so concurrent requests cannot all pass a cap that only one of them fits under.
    const verdict: BudgetVerdict = check?.verdict() ?? { action: "ok" };
    const requested = input.model && input.model !== "auto" ? input.model : undefined;
    const routeFor = (explicitModel: string | undefined, cheapest: boolean): RouteChoice =>
      chooseRoute({
        taskType: classification.taskType,
        models,
        available: deps.available,
        explicitModel,
        allowFallback: input.allowFallback,
        policy: cheapest ? { strategy: "cost", preferred: [] } : undefined,
        needs: { tokens: estimateTokens(input) },
      });
    const noRoute = (err: unknown, explicit: boolean): never => {
      if (!(err instanceof NoRouteError)) throw err;
      if (explicit) {
        // The code lets the OpenAI API answer an unknown model as OpenAI does (404), and
        // a conversation too long for the model as OpenAI does (context_length_exceeded).
        const tooLong = err.kind === "cannot_serve";
        const code =
          err.kind === "unknown_model"
            ? "model_not_found"
            : tooLong
              ? "context_length_exceeded"
              : undefined;
        throw refuse(
          "no_route",
          validationError(
            [{ field: tooLong ? "messages" : "model", message: err.message, code }],
            err.message,
          ),
        );
      }
      throw refuse("no_route", new AppError("unavailable", err.message));
    };
    // An explicit model is checked first, cap or no cap: an unknown one is a 404, never a 429.
    let explicit: RouteChoice | undefined;
    try {
      explicit = requested ? routeFor(requested, false) : undefined;
    } catch (err) {
      noRoute(err, true);
    }
    let chosen: RouteChoice;
    try {
      chosen =
        verdict.action === "downgrade"
          ? routeFor(undefined, true)
          : (explicit ?? routeFor(undefined, false));
    } catch (err) {
      return noRoute(err, false);
    }
    // A downgrade replaces the model: for an explicit one only when the caller allows that (or
    // when the model asked for is the cheapest one anyway).
    const replaces =
      verdict.action === "downgrade" && requested !== undefined && chosen.model.id !== requested;
    if (verdict.action === "reject" || (replaces && input.allowFallback !== true)) {
      // Retrying cannot help before the period ends: say when, and tell OpenAI SDKs not to retry.
      const seconds = (Date.parse(verdict.budget.resetsAt) - ctx.clock.now().getTime()) / 1000;
      const headers = {
        "retry-after": String(Math.max(1, Math.ceil(seconds))),
        "x-should-retry": "false",
      };
      const message =
        verdict.action === "reject"
          ? verdict.message
          : `${verdict.message} Requests fall back to the cheapest model, but "${requested}" was asked for without allowing a fallback.`;
      throw refuse(
        "budget_exceeded",
        new AppError("limit_exceeded", message, { budget: verdict.budget }, { headers }),
      );
    }
    const downgrade = verdict.action === "downgrade";
    // The cheapest model asked for by name is served as asked, with its own fallback rule.
    let route: RouteChoice = downgrade && !replaces && explicit ? explicit : chosen;
    const explicitModel = requested !== undefined && !replaces ? requested : undefined;
    if (downgrade) {
      route = {
        ...route,
        reason: `${verdict.message} Downgraded to the cheapest model; ${route.reason}`,
      };
    }

    const decision = cacheDecision({
      taskType: classification.taskType,
      temperature: input.temperature,
      mode: input.cache,
      ttl: deps.cacheTtl,
    });
    const degraded = !deps.cache || deps.cache.status === "degraded";
    const status: CacheStatus =
      input.cache === "bypass"
        ? "bypass"
        : !decision.write
          ? "off"
          : degraded
            ? "degraded"
            : decision.read
              ? "miss"
              : "refresh";
    // Answers are cached per user: one tenant's cached answer never reaches another.
    const key =
      user && decision.write
        ? cacheKey({
            tenant: `user:${user.userId}`,
            taskType: classification.taskType,
            route: route.model.id,
            messages: input.messages,
            params: {
              temperature: input.temperature ?? null,
              maxOutputTokens: input.maxOutputTokens ?? null,
              sampling: input.sampling ?? null,
              // Only the model itself answers these: never a fallback's answer stored under the
              // same route (auto's, or an allowed fallback's). Absent otherwise: keys unchanged.
              exactModel: explicitModel && !input.allowFallback ? true : undefined,
            },
          })
        : undefined;
    const release = check?.reserve(estimateUsd(route.model, input));
    return {
      started,
      classification,
      route,
      fallbackAllowed: input.allowFallback === true,
      key,
      cache: { ...decision, status },
      base,
      release,
    };
  }
}
