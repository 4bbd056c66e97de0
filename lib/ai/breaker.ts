/**
 * A circuit breaker per key (a provider, or one model on it: lib/ai/circuits.ts holds both).
 * After `failureThreshold` consecutive failures the key is skipped for `openMs`; then one probe
 * request is let through (half-open): success closes the circuit, failure opens it again. Keeps
 * a dead provider (or model) from costing every request a timeout.
 */

export type BreakerState = "closed" | "open" | "half_open";

interface Circuit {
  state: BreakerState;
  failures: number;
  openedAt: number;
  probing: boolean;
}

export class CircuitBreaker {
  private readonly circuits = new Map<string, Circuit>();

  constructor(
    private readonly opts: { failureThreshold: number; openMs: number; now?: () => number } = {
      failureThreshold: 5,
      openMs: 30_000,
    },
  ) {}

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private circuit(key: string): Circuit {
    let c = this.circuits.get(key);
    if (!c)
      this.circuits.set(key, (c = { state: "closed", failures: 0, openedAt: 0, probing: false }));
    return c;
  }

  state(key: string): BreakerState {
    const c = this.circuit(key);
    if (c.state === "open" && this.now() - c.openedAt >= this.opts.openMs) return "half_open";
    return c.state;
  }

  /** Every key that has a circuit (it failed, or answered, at least once). */
  keys(): string[] {
    return [...this.circuits.keys()];
  }

  /** Whether a request may go to this key now; in half-open state only one probe at a time. */
  tryAcquire(key: string): boolean {
    const c = this.circuit(key);
    if (c.state === "closed") return true;
    if (c.state === "open" && this.now() - c.openedAt < this.opts.openMs) return false;
    if (c.probing) return false;
    c.state = "half_open";
    c.probing = true;
    return true;
  }

  onSuccess(key: string): void {
    this.circuits.set(key, { state: "closed", failures: 0, openedAt: 0, probing: false });
  }

  /** The request was abandoned (client gone): give back a half-open probe slot, judge nothing. */
  release(key: string): void {
    this.circuit(key).probing = false;
  }

  onFailure(key: string): void {
    const c = this.circuit(key);
    c.failures++;
    if (c.state === "half_open" || c.failures >= this.opts.failureThreshold) {
      c.state = "open";
      c.openedAt = this.now();
    }
    c.probing = false;
  }
}
