import "server-only";
import { cacheDecision } from "../cache/policy";
import { cacheKey } from "../cache/key";
import type { Ctx } from "../context";
import { AppError, validationError } from "../errors";
import {
  AttemptsFailed,
  generateOnce,
  openStream,
  runCandidates,
  type AttemptDeps,
  type StreamPart,
} from "./attempts";
import type { BudgetVerdict } from "./budgets";
import { costOf, type ModelInfo, type ProviderId } from "./catalogue";
import { classifyTask } from "./classify";
import { classifyProviderError } from "./errors";
import type { Ledger } from "./ledger";
import { chooseRoute, NoRouteError, type RouteChoice } from "./policy";
import type { TaskType } from "./task-types";
import type {
  CacheStatus,
  CompletionInput,
  CompletionResult,
  RouteDecision,
  StoredAnswer,
  StreamEvent,
  StreamHandle,
} from "./types";

export type {
  CompletionInput,
  CompletionResult,
  RouteDecision,
  StreamEvent,
  StreamHandle,
} from "./types";

/** The cache as the router sees it (SqliteResponseCache implements it). */
export interface AnswerCache {
  readonly status: "ok" | "degraded";
  get(key: string, taskType: string): string | null;
  set(
    key: string,
    entry: { taskType: string; value: string; ttlSeconds: number; costUsd: number },
  ): void;
}

export interface RouterDeps extends AttemptDeps {
  /** The catalogue (shipped defaults merged with admin edits). */
  models: () => Promise<ModelInfo[]>;
  available: ReadonlySet<ProviderId>;
  ledger: Ledger;
  cache?: AnswerCache;
  cacheTtl?: Partial<Record<TaskType, number>>;
  /** Identical cacheable requests in flight, by cache key: followers share the leader's answer. */
  inflight?: Map<string, Promise<StoredAnswer>>;
  budgets?: (ctx: Ctx, projectId: string | undefined) => Promise<BudgetVerdict>;
}

const estimateTokens = (input: CompletionInput) =>
  Math.ceil(input.messages.reduce((n, m) => n + m.content.length, 0) / 4) +
  (input.maxOutputTokens ?? 1024);

interface Plan {
  started: number;
  classification: { taskType: TaskType; confidence: number; reason: string };
  route: RouteChoice;
  key?: string;
  cache: { read: boolean; write: boolean; ttlSeconds: number; status: CacheStatus };
  ledgerBase: Parameters<Ledger["record"]>[0];
}

/** Classify, check budgets, choose the route and decide how the cache takes part. */
async function plan(
  ctx: Ctx,
  input: CompletionInput,
  deps: RouterDeps,
  stream: boolean,
): Promise<Plan> {
  const started = performance.now();
  const classification = input.taskType
    ? { taskType: input.taskType, confidence: 1, reason: "task type given by the caller" }
    : classifyTask(input.messages);
  const actor = ctx.actor.kind === "user" ? ctx.actor : undefined;
  const ledgerBase = {
    userId: actor?.userId,
    apiKeyId: actor?.apiKeyId,
    projectId: input.projectId,
    requestId: ctx.requestId,
    taskType: classification.taskType,
    requestedModel: input.model ?? "auto",
    stream,
    latencyMs: 0,
    status: "error" as const,
  };
  const fail = (errorClass: string, err: AppError) => {
    deps.ledger.record({
      ...ledgerBase,
      latencyMs: Math.round(performance.now() - started),
      errorClass,
    });
    return err;
  };

  const verdict = deps.budgets
    ? await deps.budgets(ctx, input.projectId)
    : ({ action: "ok" } as BudgetVerdict);
  if (verdict.action === "reject") {
    // Retrying cannot help before the period ends: say when, and tell OpenAI SDKs not to retry.
    const retryAfter = String(
      Math.max(1, Math.ceil((Date.parse(verdict.budget.resetsAt) - ctx.now().getTime()) / 1000)),
    );
    throw fail(
      "budget_exceeded",
      new AppError(
        "limit_exceeded",
        verdict.message,
        { budget: verdict.budget },
        { headers: { "retry-after": retryAfter, "x-should-retry": "false" } },
      ),
    );
  }
  const downgrade = verdict.action === "downgrade";
  const explicitModel =
    input.model && input.model !== "auto" && !downgrade ? input.model : undefined;
  let route: RouteChoice;
  try {
    route = chooseRoute({
      taskType: classification.taskType,
      models: await deps.models(),
      available: deps.available,
      explicitModel,
      policy: downgrade ? { strategy: "cost", preferred: [] } : undefined,
      needs: { tokens: estimateTokens(input) },
    });
  } catch (err) {
    if (!(err instanceof NoRouteError)) throw err;
    if (explicitModel)
      throw fail(
        "no_route",
        validationError([{ field: "model", message: err.message }], err.message),
      );
    throw fail("no_route", new AppError("unavailable", err.message));
  }
  if (downgrade)
    route = {
      ...route,
      reason: `${verdict.message} Downgraded to the cheapest model; ${route.reason}`,
    };

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
  const key =
    actor && decision.write
      ? cacheKey({
          tenant: `user:${actor.userId}`,
          taskType: classification.taskType,
          route: route.model.id,
          messages: input.messages,
          params: {
            temperature: input.temperature ?? null,
            maxOutputTokens: input.maxOutputTokens ?? null,
            sampling: input.sampling ?? null,
          },
        })
      : undefined;
  return { started, classification, route, key, cache: { ...decision, status }, ledgerBase };
}

const elapsed = (p: Plan) => Math.round(performance.now() - p.started);
const round = (ms: number) => Math.round(ms * 100) / 100;

function decisionOf(
  p: Plan,
  model: { id: string; provider: ProviderId },
  tried: RouteDecision["fallbacksTried"],
  cache: CacheStatus,
): RouteDecision {
  return {
    ...p.classification,
    reason: `${p.classification.reason}; ${p.route.reason}`,
    model: model.id,
    provider: model.provider,
    fallbacksTried: tried,
    cache,
  };
}

/** Records the failed request and turns it into the error the caller sees. */
function failure(p: Plan, deps: RouterDeps, err: unknown): unknown {
  if (!(err instanceof AttemptsFailed)) return err;
  const last = err.tried.at(-1);
  const served = last ? p.route.candidates.find((m) => m.id === last.model) : undefined;
  deps.ledger.record({
    ...p.ledgerBase,
    servedModel: served?.id,
    provider: served?.provider,
    latencyMs: elapsed(p),
    errorClass: err.errorClass,
    fallbackCount: Math.max(0, err.tried.length - 1),
  });
  if (err.errorClass === "cancelled")
    return new AppError("bad_request", "The request was cancelled by the client.");
  if (err.refused)
    return new AppError(
      "upstream",
      `The provider refused the request (${err.lastStatus ?? err.errorClass}).`,
      { attempts: err.tried },
      { headers: { "x-should-retry": "false" } },
    );
  return new AppError(
    "upstream",
    "Every provider that could serve this request failed. Try again shortly.",
    { attempts: err.tried },
  );
}

/** The leader's client left: its followers are still there and one of them leads instead. */
class LeaderGone extends Error {}

type Leader = {
  resolve: (a: StoredAnswer) => void;
  reject: (e: unknown) => void;
  abandon: () => void;
};
const NO_LEADER: Leader = { resolve: () => {}, reject: () => {}, abandon: () => {} };

/**
 * Serves from the cache, joins an identical in-flight call, or becomes the leader that others
 * join. Synchronous from lookup to registration, so concurrent identical requests cannot all miss.
 */
function join(
  p: Plan,
  deps: RouterDeps,
): { answer: StoredAnswer; how: "hit" } | { follow: Promise<StoredAnswer> } | { leader: Leader } {
  if (!p.key || !p.cache.read) return { leader: NO_LEADER };
  if (p.cache.status !== "degraded") {
    const raw = deps.cache?.get(p.key, p.classification.taskType);
    const answer = raw ? parseStored(raw) : undefined;
    if (answer) return { answer, how: "hit" };
  }
  const inflight = deps.inflight;
  if (!inflight) return { leader: NO_LEADER };
  const existing = inflight.get(p.key);
  if (existing) return { follow: existing };
  const key = p.key;
  let resolve!: (a: StoredAnswer) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<StoredAnswer>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // followers handle it; no unhandled rejection when there are none
  inflight.set(key, promise);
  return {
    leader: {
      resolve: (a) => (inflight.delete(key), resolve(a)),
      reject: (e) => (inflight.delete(key), reject(e)),
      abandon: () => (inflight.delete(key), reject(new LeaderGone())),
    },
  };
}

/** A hit or a coalesced answer, or the leader handle when this request must call a provider. */
async function shared(
  p: Plan,
  deps: RouterDeps,
): Promise<{ answer: StoredAnswer; how: "hit" | "coalesced" } | { leader: Leader }> {
  for (;;) {
    const j = join(p, deps);
    if (!("follow" in j)) return j;
    try {
      return { answer: await j.follow, how: "coalesced" };
    } catch (err) {
      if (err instanceof LeaderGone) continue; // try again: a hit, another leader, or lead ourselves
      deps.ledger.record({
        ...p.ledgerBase,
        latencyMs: elapsed(p),
        errorClass: "coalesced_failure",
      });
      throw err;
    }
  }
}

/** A cache entry, or undefined if it does not parse (treated as a miss, never an error). */
function parseStored(raw: string): StoredAnswer | undefined {
  try {
    const a = JSON.parse(raw) as StoredAnswer;
    return typeof a.text === "string" && a.usage && a.model ? a : undefined;
  } catch {
    return undefined;
  }
}

function servedShared(
  p: Plan,
  deps: RouterDeps,
  answer: StoredAnswer,
  how: "hit" | "coalesced",
  stream: boolean,
): CompletionResult {
  const latencyMs = elapsed(p);
  deps.ledger.record({
    ...p.ledgerBase,
    servedModel: answer.model,
    provider: answer.provider,
    ...answer.usage,
    costUsd: 0,
    latencyMs,
    ttftMs: stream ? latencyMs : undefined,
    cached: true,
    status: "ok",
  });
  return {
    text: answer.text,
    usage: answer.usage,
    costUsd: 0,
    latencyMs,
    ttftMs: stream ? latencyMs : undefined,
    finishReason: answer.finishReason,
    decision: decisionOf(p, { id: answer.model, provider: answer.provider }, [], how),
  };
}

function store(p: Plan, deps: RouterDeps, answer: StoredAnswer): void {
  if (
    p.key &&
    p.cache.write &&
    p.cache.status !== "degraded" &&
    (answer.finishReason === "stop" || answer.finishReason === "length")
  ) {
    deps.cache?.set(p.key, {
      taskType: p.classification.taskType,
      value: JSON.stringify(answer),
      ttlSeconds: p.cache.ttlSeconds,
      costUsd: answer.costUsd,
    });
  }
}

/** One routed, non-streaming completion (cache, coalescing, fallbacks, one ledger row). */
export async function complete({
  ctx,
  input,
  deps,
}: {
  ctx: Ctx;
  input: CompletionInput;
  deps: RouterDeps;
}): Promise<CompletionResult> {
  const p = await plan(ctx, input, deps, false);
  const t1 = performance.now();
  const reused = await shared(p, deps);
  const t2 = performance.now();
  const timing = { planMs: round(t1 - p.started), cacheMs: round(t2 - t1), providerMs: 0 };
  if (!("leader" in reused))
    return { ...servedShared(p, deps, reused.answer, reused.how, false), timing };
  const { leader } = reused;
  try {
    const params = {
      messages: input.messages,
      temperature: input.temperature,
      maxOutputTokens: input.maxOutputTokens,
      sampling: input.sampling,
      signal: input.signal,
    };
    const { value, model, tried } = await runCandidates(
      p.route.candidates,
      deps,
      ctx.log,
      input.signal,
      (m) => generateOnce(deps.languageModel(m), params, deps.timeoutMs),
    );
    timing.providerMs = round(performance.now() - t2);
    const costUsd = costOf(model, value.usage.inputTokens, value.usage.outputTokens);
    const latencyMs = elapsed(p);
    const answer: StoredAnswer = { ...value, model: model.id, provider: model.provider, costUsd };
    store(p, deps, answer);
    leader.resolve(answer);
    deps.ledger.record({
      ...p.ledgerBase,
      servedModel: model.id,
      provider: model.provider,
      ...value.usage,
      costUsd,
      latencyMs,
      status: "ok",
      fallbackCount: tried.length,
    });
    return {
      ...value,
      costUsd,
      latencyMs,
      decision: decisionOf(p, model, tried, p.cache.status),
      timing,
    };
  } catch (err) {
    const e = failure(p, deps, err);
    if (err instanceof AttemptsFailed && err.errorClass === "cancelled") leader.abandon();
    else leader.reject(e);
    throw e;
  }
}

async function* replay(result: CompletionResult): AsyncGenerator<StreamEvent> {
  for (const piece of result.text.match(/[\s\S]{1,48}(\s|$)|[\s\S]{1,48}/g) ?? [])
    yield { type: "delta", text: piece };
  yield { type: "done", result };
}

/**
 * One routed streaming completion. Resolves once the first token has arrived (so the route,
 * including fallbacks before the first token, is settled and can go into response headers);
 * a failure after that ends the event stream with an explicit `error` event, and a partial
 * answer is never cached.
 */
export async function stream({
  ctx,
  input,
  deps,
}: {
  ctx: Ctx;
  input: CompletionInput;
  deps: RouterDeps;
}): Promise<StreamHandle> {
  const p = await plan(ctx, input, deps, true);
  const reused = await shared(p, deps);
  if (!("leader" in reused)) {
    const result = servedShared(p, deps, reused.answer, reused.how, true);
    return { decision: result.decision, events: replay(result), cancel: () => {} };
  }
  const { leader } = reused;
  const params = {
    messages: input.messages,
    temperature: input.temperature,
    maxOutputTokens: input.maxOutputTokens,
    sampling: input.sampling,
    signal: input.signal,
  };
  let opened;
  try {
    opened = await runCandidates(p.route.candidates, deps, ctx.log, input.signal, (m) =>
      openStream(deps.languageModel(m), params, deps.timeoutMs),
    );
  } catch (err) {
    const e = failure(p, deps, err);
    if (err instanceof AttemptsFailed && err.errorClass === "cancelled") leader.abandon();
    else leader.reject(e);
    throw e;
  }
  const { value: s, model, tried } = opened;
  const ttftMs = elapsed(p);
  const decision = decisionOf(p, model, tried, p.cache.status);
  const ledgerOk = {
    ...p.ledgerBase,
    servedModel: model.id,
    provider: model.provider,
    ttftMs,
    fallbackCount: tried.length,
  };
  const promptTokens = Math.ceil(input.messages.reduce((n, m) => n + m.content.length, 0) / 4);
  let text = "";
  let settled = false;

  /**
   * Ends a stream that did not finish, exactly once, whoever notices first (the event loop, the
   * client's abort signal, or the consumer closing the stream before it ever read): stops the
   * provider, releases the coalescing slot, and records the error with an estimate of what the
   * provider will still bill (tokens sent, and those that arrived).
   */
  function settleFailure(errorClass: string): AppError | undefined {
    if (settled) return undefined;
    settled = true;
    input.signal?.removeEventListener("abort", onAbort);
    s.abort();
    const cancelled = errorClass === "cancelled";
    const e = cancelled
      ? new AppError("bad_request", "The request was cancelled by the client.", { errorClass })
      : new AppError("upstream", "The provider failed mid-answer; the text so far is incomplete.", {
          errorClass,
        });
    if (cancelled) leader.abandon();
    else leader.reject(e);
    const usage = { inputTokens: promptTokens, outputTokens: Math.ceil(text.length / 4) };
    deps.ledger.record({
      ...ledgerOk,
      ...usage,
      costUsd: costOf(model, usage.inputTokens, usage.outputTokens),
      latencyMs: elapsed(p),
      status: "error",
      errorClass,
    });
    if (!cancelled)
      ctx.log.warn({ model: model.id, errorClass }, "stream failed after the first token");
    return e;
  }
  const onAbort = () => void settleFailure("cancelled");
  input.signal?.addEventListener("abort", onAbort, { once: true });

  async function* run(): AsyncGenerator<StreamEvent> {
    let finish: Extract<StreamPart, { type: "finish" }> | undefined;
    try {
      // An answer can be empty: then the first part is already the finish.
      const parts = (async function* () {
        yield s.first;
        if (s.first.type !== "finish") yield* s.rest;
      })();
      for await (const part of parts) {
        if (settled) return;
        if (part.type === "delta") {
          text += part.text;
          yield { type: "delta", text: part.text };
        } else if (part.finishReason === "error") {
          throw new Error("The provider reported an error while streaming.");
        } else finish = part;
      }
      if (settled) return;
      settled = true;
      input.signal?.removeEventListener("abort", onAbort);
      const usage = finish!.usage;
      const costUsd = costOf(model, usage.inputTokens, usage.outputTokens);
      const latencyMs = elapsed(p);
      const answer: StoredAnswer = {
        text,
        usage,
        model: model.id,
        provider: model.provider,
        finishReason: finish!.finishReason,
        costUsd,
      };
      store(p, deps, answer);
      leader.resolve(answer);
      deps.ledger.record({ ...ledgerOk, ...usage, costUsd, latencyMs, status: "ok" });
      yield {
        type: "done",
        result: {
          text,
          usage,
          costUsd,
          latencyMs,
          ttftMs,
          finishReason: answer.finishReason,
          decision,
        },
      };
    } catch (err) {
      const e = settleFailure(
        input.signal?.aborted ? "cancelled" : classifyProviderError(err).errorClass,
      );
      if (e)
        yield {
          type: "error",
          code: e.code,
          message: e.message,
          errorClass: String(e.details?.errorClass),
        };
    } finally {
      settleFailure("cancelled"); // the consumer stopped early (client disconnected); no-op once settled
    }
  }

  const gen = run();
  let started = false;
  // Closing the stream before reading it never enters the generator's body (so its `finally`
  // would not run): settle here instead.
  const events: AsyncIterable<StreamEvent> = {
    [Symbol.asyncIterator]: () => ({
      next: () => ((started = true), gen.next()),
      return: async (value?: unknown) => {
        if (!started) settleFailure("cancelled");
        return gen.return(value as undefined);
      },
    }),
  };
  return { decision, events, cancel: () => void settleFailure("cancelled") };
}
