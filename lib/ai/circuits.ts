import { CircuitBreaker, type BreakerState } from "./breaker";
import type { FailureScope } from "./errors";

interface Target {
  provider: string;
  id: string;
}

export interface ModelCircuit {
  model: string;
  circuit: BreakerState;
}

/**
 * Circuit breakers at two levels. An endpoint that cannot be reached (refused, reset, DNS, TLS),
 * whose gateway says it is down (a 502/503/504 page that is not the provider's own error), or
 * that refuses our key opens the provider's circuit: every model on it is skipped. A failure the
 * endpoint itself answered for one model (its 5xx, 404, 429, a garbled answer) opens that model's
 * circuit only; the endpoint just proved it is up. A timeout counts on both: a blackholed
 * endpoint opens the provider (its count is of consecutive failures across all its models), one
 * slow model among healthy ones only its own. A call goes out when both are closed, or as the
 * one probe of a half-open one.
 */
export class Circuits {
  private readonly providers: CircuitBreaker;
  private readonly models: CircuitBreaker;

  constructor(opts: { failureThreshold: number; openMs: number; now?: () => number }) {
    this.providers = new CircuitBreaker(opts);
    this.models = new CircuitBreaker(opts);
  }

  private static key(m: Target): string {
    return `${m.provider}\u0000${m.id}`;
  }

  /** Takes the call's slot on both levels, or says which one is open (and takes neither). */
  acquire(m: Target): "provider" | "model" | null {
    if (!this.models.tryAcquire(Circuits.key(m))) return "model";
    if (this.providers.tryAcquire(m.provider)) return null;
    this.models.release(Circuits.key(m));
    return "provider";
  }

  /** The model answered (or refused the request itself): both levels are healthy. */
  success(m: Target): void {
    this.providers.onSuccess(m.provider);
    this.models.onSuccess(Circuits.key(m));
  }

  /**
   * A failure, against the level it is about. The provider's failures say nothing about the
   * model (its probe slot is given back); a model's failure shows the endpoint answering; a
   * request-scoped one (a 4xx about the request) is an answer like any other.
   */
  failure(m: Target, scope: FailureScope): void {
    if (scope === "both") {
      this.providers.onFailure(m.provider);
      this.models.onFailure(Circuits.key(m));
    } else if (scope === "provider") {
      this.providers.onFailure(m.provider);
      this.models.release(Circuits.key(m));
    } else if (scope === "model") {
      this.models.onFailure(Circuits.key(m));
      this.providers.onSuccess(m.provider);
    } else this.success(m);
  }

  /** Nothing was learnt (the client left, our deadline cut the call): give both slots back. */
  release(m: Target): void {
    this.providers.release(m.provider);
    this.models.release(Circuits.key(m));
  }

  /** Whether a retry on this model may go out now (both levels closed). */
  closed(m: Target): boolean {
    return (
      this.providers.state(m.provider) === "closed" &&
      this.models.state(Circuits.key(m)) === "closed"
    );
  }

  /** Whether a call to this model would be skipped now (either level open, not yet probing). */
  open(m: Target): boolean {
    return (
      this.providers.state(m.provider) === "open" || this.models.state(Circuits.key(m)) === "open"
    );
  }

  /** The provider's own circuit (what every model on it shares). */
  providerState(provider: string): BreakerState {
    return this.providers.state(provider);
  }

  /** The provider's models whose own circuit is not closed (the others are). */
  modelStates(provider: string): ModelCircuit[] {
    const prefix = `${provider}\u0000`;
    return this.models
      .keys()
      .filter((k) => k.startsWith(prefix))
      .map((k) => ({ model: k.slice(prefix.length), circuit: this.models.state(k) }))
      .filter((c) => c.circuit !== "closed")
      .sort((a, b) => a.model.localeCompare(b.model));
  }
}
