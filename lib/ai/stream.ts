import "server-only";
import type { Ctx } from "../context";
import { AppError, shuttingDown } from "../errors";
import type { OpenedStream, StreamPart } from "./attempts";
import { abortClass } from "./candidates";
import { costOf, type ModelInfo } from "./catalogue";
import { remember, replayed, reuse, type Leader } from "./coalesce";
import type { RouterDeps } from "./deps";
import { classifyProviderError } from "./errors";
import { plan, type Plan } from "./plan";
import { callAsLeader, cancelledError, decisionOf } from "./result";
import { settle } from "./settle";
import type { CompletionInput, CompletionResult, RouteDecision, StoredAnswer } from "./types";
import type { StreamEvent, StreamHandle } from "./types";

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
  const reused = await reuse(p, deps, true);
  if ("result" in reused) return replayed(reused.result);
  const { leader } = reused;
  // The deadline bounds the wait for the first token; after it, each gap gets the whole timeout.
  const opened = await callAsLeader(ctx, p, deps, leader, input.signal, (m, firstTokenMs) =>
    deps.client(m).open(input, deps.timeoutMs, firstTokenMs),
  );
  return new RoutedStream(ctx, input, deps, p, leader, opened).handle();
}

/** A provider stream that has delivered its first token, until it ends one way or another. */
class RoutedStream {
  private readonly s: OpenedStream;
  private readonly model: ModelInfo;
  private readonly fallbacks: number;
  private readonly ttftMs: number;
  private readonly decision: RouteDecision;
  private text = "";
  /** Set once the request is settled (finished, failed or cancelled): nothing happens twice. */
  private settled = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly input: CompletionInput,
    private readonly deps: RouterDeps,
    private readonly p: Plan,
    private readonly leader: Leader,
    opened: { value: OpenedStream; model: ModelInfo; tried: RouteDecision["fallbacksTried"] },
  ) {
    this.s = opened.value;
    this.model = opened.model;
    this.fallbacks = opened.tried.length;
    this.ttftMs = Math.round(performance.now() - p.started);
    this.decision = decisionOf(p, opened.model, opened.tried, p.cache.status);
    // A client gone while the provider was opening: settle now (an aborted signal never fires).
    if (input.signal?.aborted) queueMicrotask(this.onAbort);
    else input.signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** Set when the server's drain deadline ended the stream: the consumer still gets its error. */
  private cutBy?: AppError;

  private readonly onAbort = () => void this.fail(abortClass(this.input.signal));

  handle(): StreamHandle {
    const gen = this.run();
    let started = false;
    // Closing the stream before reading it never enters the generator's body (so its `finally`
    // would not run): settle here instead.
    const events: AsyncIterable<StreamEvent> = {
      [Symbol.asyncIterator]: () => ({
        next: () => ((started = true), gen.next()),
        return: async (value?: unknown) => {
          if (!started) this.fail("cancelled");
          return gen.return(value as undefined);
        },
      }),
    };
    return { decision: this.decision, events, cancel: () => void this.fail("cancelled") };
  }

  private async *run(): AsyncGenerator<StreamEvent> {
    try {
      let finish: Extract<StreamPart, { type: "finish" }> | undefined;
      // An answer can be empty: then the first part is already the finish.
      const parts = this.s.first.type === "finish" ? [this.s.first] : this.parts();
      for await (const part of parts) {
        if (this.settled) break;
        if (part.type === "delta") {
          this.text += part.text;
          yield { type: "delta", text: part.text };
        } else if (part.finishReason === "error") {
          throw new Error("The provider reported an error while streaming.");
        } else finish = part;
      }
      if (this.settled) return yield* this.cut();
      if (!finish) throw new Error("The provider stream ended without finishing.");
      yield { type: "done", result: this.finish(finish) };
    } catch (err) {
      const aborted = this.input.signal?.aborted;
      const e = this.fail(
        aborted ? abortClass(this.input.signal) : classifyProviderError(err).errorClass,
      );
      if (e && !this.cutBy) {
        const errorClass = String(e.details?.errorClass);
        yield { type: "error", code: e.code, message: e.message, errorClass };
      }
      yield* this.cut();
    } finally {
      this.fail("cancelled"); // the consumer stopped early (client disconnected); no-op once settled
    }
  }

  /** The error event of a stream the drain deadline ended, once. */
  private *cut(): Generator<StreamEvent> {
    const e = this.cutBy;
    if (!e) return;
    this.cutBy = undefined;
    yield { type: "error", code: "shutting_down", message: e.message, errorClass: "shutdown" };
  }

  private async *parts(): AsyncGenerator<StreamPart> {
    yield this.s.first;
    yield* this.s.rest;
  }

  private finish(part: Extract<StreamPart, { type: "finish" }>): CompletionResult {
    this.settled = true;
    this.input.signal?.removeEventListener("abort", this.onAbort);
    const { model, text } = this;
    const usage = part.usage;
    const costUsd = costOf(model, usage.inputTokens, usage.outputTokens);
    const answer: StoredAnswer = {
      text,
      usage,
      model: model.id,
      provider: model.provider,
      finishReason: part.finishReason,
      costUsd,
    };
    remember(this.p, this.deps, answer);
    this.leader.resolve(answer);
    const latencyMs = settle(this.deps.ledger, this.p, {
      kind: "answered",
      model,
      usage,
      costUsd,
      fallbacks: this.fallbacks,
      ttftMs: this.ttftMs,
    });
    const { ttftMs, decision } = this;
    return { text, usage, costUsd, latencyMs, ttftMs, finishReason: part.finishReason, decision };
  }

  /**
   * Ends a stream that did not finish, exactly once, whoever notices first (the event loop, the
   * client's abort signal, or the consumer closing the stream before it ever read): stops the
   * provider, releases the coalescing slot, and records the error with an estimate of what the
   * provider will still bill (the tokens sent, and those that arrived).
   */
  private fail(errorClass: string): AppError | undefined {
    if (this.settled) return undefined;
    this.settled = true;
    this.input.signal?.removeEventListener("abort", this.onAbort);
    this.s.abort();
    // The client left, or the server's drain deadline passed: nobody is waiting for this answer.
    const cancelled = errorClass === "cancelled" || errorClass === "shutdown";
    if (errorClass === "shutdown") this.cutBy = shuttingDown();
    const e = cancelled
      ? cancelledError({ errorClass })
      : new AppError("upstream", "The provider failed mid-answer; the text so far is incomplete.", {
          errorClass,
        });
    if (cancelled) this.leader.abandon();
    else this.leader.reject(e);
    const prompt = this.input.messages.reduce((n, m) => n + m.content.length, 0);
    const usage = {
      inputTokens: Math.ceil(prompt / 4),
      outputTokens: Math.ceil(this.text.length / 4),
    };
    settle(this.deps.ledger, this.p, {
      kind: "failed",
      errorClass,
      model: this.model,
      usage,
      costUsd: costOf(this.model, usage.inputTokens, usage.outputTokens),
      fallbacks: this.fallbacks,
      ttftMs: this.ttftMs,
    });
    if (!cancelled)
      this.ctx.log.warn(
        { model: this.model.id, errorClass },
        "stream failed after the first token",
      );
    return e;
  }
}
