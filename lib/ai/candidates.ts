import "server-only";
import { isShutdown } from "../errors";
import type { Logger } from "../log";
import type { ProviderClient } from "./attempts";
import type { ModelInfo } from "./catalogue";
import type { Circuits } from "./circuits";
import { classifyProviderError, type ErrorClass, type ProviderFailure } from "./errors";
import { MAX_RETRY_WAIT_MS, type RetryHints } from "./retry-hints";
import type { RouteDecision } from "./types";

export interface AttemptDeps {
  /** The client for a catalogue model (built once per model, not per call). */
  client: (m: ModelInfo) => ProviderClient;
  /** Circuit breakers per provider and per model. */
  circuits: Circuits;
  /** Providers' Retry-After hints: models (or providers) to leave alone for a while. */
  hints: RetryHints;
  /** One attempt: the whole answer, or a stream's first token (then each gap between tokens). */
  timeoutMs: number;
  /** The whole request, every attempt and every wait included (AI_REQUEST_DEADLINE_MS). */
  deadlineMs: number;
  retries: number;
  backoffMs: (attempt: number, retryAfterMs?: number) => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

type Tried = RouteDecision["fallbacksTried"];
/** A timeout this close to the request's deadline was the deadline's, not the provider's. */
const DEADLINE_SLACK_MS = 50;
/** A candidate not asked: its circuit is open, or it asked for time (a Retry-After not yet over). */
type Skipped = "circuit_open" | "retry_after";

/** Every candidate failed (or the client left, or the deadline passed): what was tried. */
export class AttemptsFailed extends Error {
  readonly lastStatus?: number;
  /** A non-retryable refusal (4xx about the request): no other candidate was tried. */
  readonly refused: boolean;
  /** The soonest a candidate may be asked again, when providers said (their Retry-After). */
  readonly retryAfterMs?: number;
  constructor(
    readonly tried: Tried,
    readonly errorClass: ErrorClass | Skipped | AbortClass | "deadline_exceeded",
    more: { lastStatus?: number; refused?: boolean; retryAfterMs?: number } = {},
  ) {
    super(`all attempts failed (${errorClass})`);
    this.name = "AttemptsFailed";
    this.lastStatus = more.lastStatus;
    this.refused = more.refused ?? false;
    this.retryAfterMs = more.retryAfterMs;
  }
}

/** Why a request stopped that nobody answered: its client left, or the server's drain deadline. */
export type AbortClass = "cancelled" | "shutdown";
export const abortClass = (signal: AbortSignal | undefined): AbortClass =>
  isShutdown(signal?.reason) ? "shutdown" : "cancelled";

/** Waits, but not past the client leaving. */
const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/**
 * Tries the candidates in order — skipping models whose own or whose provider's circuit is open
 * and models that asked for time (Retry-After), retrying retryable failures (429, 5xx, timeouts,
 * garbled answers) on the same model with backoff, then moving on — and returns the first
 * success. A 4xx about the request itself is not retried anywhere. Everything, attempts and
 * waits, ends by the request's deadline (counted from `startedAt`): each attempt's timeout is
 * cut to the time left.
 */
export function runCandidates<T>(
  candidates: ModelInfo[],
  deps: AttemptDeps,
  log: Logger,
  signal: AbortSignal | undefined,
  attempt: (model: ModelInfo, timeoutMs: number) => Promise<T>,
  startedAt = performance.now(),
): Promise<{ value: T; model: ModelInfo; tried: Tried }> {
  return new CandidateRun(candidates, deps, log, signal, attempt, startedAt).run();
}

class CandidateRun<T> {
  private readonly tried: Tried = [];
  private readonly deadline: number;

  constructor(
    private readonly candidates: ModelInfo[],
    private readonly deps: AttemptDeps,
    private readonly log: Logger,
    private readonly signal: AbortSignal | undefined,
    private readonly attempt: (model: ModelInfo, timeoutMs: number) => Promise<T>,
    startedAt: number,
  ) {
    this.deadline = startedAt + deps.deadlineMs;
  }

  async run(): Promise<{ value: T; model: ModelInfo; tried: Tried }> {
    const deferred: ModelInfo[] = [];
    for (const [i, model] of this.candidates.entries()) {
      if (this.deps.hints.remainingMs(model) > 0) {
        deferred.push(model);
        this.tried.push({ model: model.id, errorClass: "retry_after" });
        continue;
      }
      const done = await this.tryModel(model, this.candidates.slice(i + 1));
      if (done) return { value: done.value, model, tried: this.tried };
    }
    // Nothing else answered: a model whose Retry-After ends soon (and in time) is waited for.
    for (const model of deferred) {
      const wait = this.deps.hints.remainingMs(model);
      if (wait > MAX_RETRY_WAIT_MS || wait >= this.left()) continue;
      this.tried.splice(
        this.tried.findIndex((t) => t.model === model.id && t.errorClass === "retry_after"),
        1,
      );
      await this.sleep(wait);
      const done = await this.tryModel(model, []);
      if (done) return { value: done.value, model, tried: this.tried };
    }
    throw this.failed(this.tried.at(-1)?.errorClass ?? "unknown");
  }

  private left(): number {
    return this.deadline - performance.now();
  }

  private sleep(ms: number): Promise<void> {
    return (this.deps.sleep ?? defaultSleep)(ms, this.signal);
  }

  /** Ends the run; the soonest Retry-After of the candidates goes with it (the answer's header). */
  private failed(
    errorClass: AttemptsFailed["errorClass"],
    more: { lastStatus?: number; refused?: boolean } = {},
  ): AttemptsFailed {
    const hints = this.candidates.map((m) => this.deps.hints.remainingMs(m)).filter((ms) => ms > 0);
    const retryAfterMs = hints.length ? Math.min(...hints) : undefined;
    return new AttemptsFailed(this.tried, errorClass, { ...more, retryAfterMs });
  }

  /** Whether a candidate could be asked right now (no Retry-After pending, circuit not open). */
  private canAnswer(m: ModelInfo): boolean {
    return this.deps.hints.remainingMs(m) === 0 && !this.deps.circuits.open(m);
  }

  /** One candidate, with its retries: its answer, or undefined to go on to the next one. */
  private async tryModel(model: ModelInfo, rest: ModelInfo[]): Promise<{ value: T } | undefined> {
    const { circuits } = this.deps;
    if (this.signal?.aborted) throw this.failed(abortClass(this.signal));
    if (this.left() <= 0) throw this.failed("deadline_exceeded");
    if (circuits.acquire(model)) {
      this.tried.push({ model: model.id, errorClass: "circuit_open" });
      return undefined;
    }
    for (let n = 0; ; n++) {
      const budget = Math.min(this.deps.timeoutMs, this.left());
      if (budget <= 0) {
        circuits.release(model);
        throw this.failed("deadline_exceeded");
      }
      try {
        if (this.signal?.aborted) throw new Error("cancelled");
        const value = await this.attempt(model, budget);
        circuits.success(model);
        return { value };
      } catch (err) {
        if (this.signal?.aborted) {
          circuits.release(model); // the client left; nothing is known about the provider
          throw this.failed(abortClass(this.signal));
        }
        const failure = classifyProviderError(err);
        this.log.warn(
          {
            model: model.id,
            attempt: n,
            errorClass: failure.errorClass,
            status: failure.status,
            scope: failure.scope,
          },
          "provider attempt failed",
        );
        if (failure.retryAfterMs !== undefined)
          this.deps.hints.remember(model, failure.scope, failure.retryAfterMs);
        if (
          failure.errorClass === "timeout" &&
          budget < this.deps.timeoutMs &&
          this.left() <= DEADLINE_SLACK_MS
        ) {
          // The deadline cut this attempt short: the request is over, the provider not judged.
          // (An attempt that timed out on its own timeout, with time left, counts as a failure.)
          circuits.release(model);
          this.tried.push({ model: model.id, errorClass: failure.errorClass });
          throw this.failed("deadline_exceeded");
        }
        if (!failure.retryable) {
          this.tried.push({ model: model.id, errorClass: failure.errorClass });
          // A rejected key counts against its provider, an unknown model against that model; a
          // bad request was answered like any other, and a fault of unknown kind judges nothing.
          if (failure.errorClass === "unknown") circuits.release(model);
          else circuits.failure(model, failure.scope);
          if (failure.fallback) return undefined;
          throw this.failed(failure.errorClass, { lastStatus: failure.status, refused: true });
        }
        circuits.failure(model, failure.scope);
        const wait = this.retryWait(model, n, failure, rest);
        if (wait !== undefined) {
          await this.sleep(wait);
          continue;
        }
        this.tried.push({ model: model.id, errorClass: failure.errorClass });
        return undefined;
      }
    }
  }

  /**
   * How long to wait before asking the same model again, or undefined to move on: a provider
   * that asked for time is not waited for while another candidate can answer now, nor when it
   * asked for more than the router ever waits; no wait runs past the deadline.
   */
  private retryWait(
    model: ModelInfo,
    n: number,
    failure: ProviderFailure,
    rest: ModelInfo[],
  ): number | undefined {
    if (n >= this.deps.retries || !this.deps.circuits.closed(model)) return undefined;
    const asked = failure.retryAfterMs;
    if (asked !== undefined && (asked > MAX_RETRY_WAIT_MS || rest.some((m) => this.canAnswer(m))))
      return undefined;
    const wait = this.deps.backoffMs(n, asked);
    return wait < this.left() ? wait : undefined;
  }
}
