import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "@/lib/ai/breaker";
import { Circuits } from "@/lib/ai/circuits";
import type { FailureScope } from "@/lib/ai/errors";

function clocked() {
  let t = 0;
  const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1000, now: () => t });
  return { breaker, advance: (ms: number) => (t += ms) };
}

describe("CircuitBreaker", () => {
  it("opens after consecutive failures and refuses while open", () => {
    const { breaker } = clocked();
    for (let i = 0; i < 2; i++) {
      expect(breaker.tryAcquire("openai")).toBe(true);
      breaker.onFailure("openai");
    }
    expect(breaker.state("openai")).toBe("closed");
    breaker.onFailure("openai");
    expect(breaker.state("openai")).toBe("open");
    expect(breaker.tryAcquire("openai")).toBe(false);
    expect(breaker.tryAcquire("anthropic")).toBe(true); // per provider
  });

  it("a success resets the failure count", () => {
    const { breaker } = clocked();
    breaker.onFailure("p");
    breaker.onFailure("p");
    breaker.onSuccess("p");
    breaker.onFailure("p");
    expect(breaker.state("p")).toBe("closed");
  });

  it("half-opens after the open period with a single probe; success closes, failure reopens", () => {
    const { breaker, advance } = clocked();
    for (let i = 0; i < 3; i++) breaker.onFailure("p");
    advance(999);
    expect(breaker.tryAcquire("p")).toBe(false);
    advance(1);
    expect(breaker.state("p")).toBe("half_open");
    expect(breaker.tryAcquire("p")).toBe(true);
    expect(breaker.tryAcquire("p")).toBe(false); // one probe at a time
    breaker.onFailure("p");
    expect(breaker.state("p")).toBe("open");
    advance(1000);
    expect(breaker.tryAcquire("p")).toBe(true);
    breaker.onSuccess("p");
    expect(breaker.state("p")).toBe("closed");
    expect(breaker.tryAcquire("p")).toBe(true);
  });
});

describe("CircuitBreaker.release", () => {
  it("gives back an abandoned half-open probe without judging the provider", () => {
    let t = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1000, now: () => t });
    breaker.onFailure("openai");
    t += 1000;
    expect(breaker.tryAcquire("openai")).toBe(true); // the probe
    expect(breaker.tryAcquire("openai")).toBe(false); // only one at a time
    breaker.release("openai"); // the probe's client left
    expect(breaker.state("openai")).toBe("half_open");
    expect(breaker.tryAcquire("openai")).toBe(true); // another probe may go
  });
});

describe("Circuits: per provider and per model", () => {
  const mini = { provider: "openai", id: "gpt-4o-mini" };
  const big = { provider: "openai", id: "gpt-4o" };
  const haiku = { provider: "anthropic", id: "claude-3-5-haiku-latest" };
  function clockedCircuits() {
    let t = 0;
    const circuits = new Circuits({ failureThreshold: 2, openMs: 1000, now: () => t });
    return { circuits, advance: (ms: number) => (t += ms) };
  }
  const fail = (c: Circuits, m: typeof mini, scope: FailureScope, times = 2) => {
    for (let i = 0; i < times; i++) {
      expect(c.acquire(m)).toBeNull();
      c.failure(m, scope);
    }
  };

  it("a model's failures open that model only; its provider stays closed", () => {
    const { circuits } = clockedCircuits();
    fail(circuits, mini, "model");
    expect(circuits.acquire(mini)).toBe("model");
    expect(circuits.acquire(big)).toBeNull();
    expect(circuits.providerState("openai")).toBe("closed");
    expect(circuits.modelStates("openai")).toEqual([{ model: "gpt-4o-mini", circuit: "open" }]);
  });

  it("an endpoint's failures open the provider for every model on it, and no model's own", () => {
    const { circuits } = clockedCircuits();
    fail(circuits, mini, "provider");
    expect(circuits.acquire(big)).toBe("provider");
    expect(circuits.acquire(haiku)).toBeNull();
    expect(circuits.providerState("openai")).toBe("open");
    expect(circuits.modelStates("openai")).toEqual([]);
  });

  it("a timeout counts on both; another model's answer resets the provider's count, not the model's", () => {
    const { circuits } = clockedCircuits();
    fail(circuits, mini, "both", 1);
    circuits.acquire(big);
    circuits.success(big);
    fail(circuits, mini, "both", 1);
    expect(circuits.providerState("openai")).toBe("closed");
    expect(circuits.acquire(mini)).toBe("model");
  });

  it("a model's failure shows the endpoint up: it closes a half-open provider", () => {
    const { circuits, advance } = clockedCircuits();
    fail(circuits, mini, "provider");
    advance(1000);
    expect(circuits.providerState("openai")).toBe("half_open");
    expect(circuits.acquire(big)).toBeNull(); // the probe
    expect(circuits.acquire(mini)).toBe("provider"); // one probe at a time
    circuits.failure(big, "model");
    expect(circuits.providerState("openai")).toBe("closed");
  });

  it("a skipped model takes no provider probe slot; release gives both back", () => {
    const { circuits, advance } = clockedCircuits();
    fail(circuits, mini, "model");
    fail(circuits, big, "provider");
    advance(1000);
    expect(circuits.acquire(mini)).toBeNull(); // both half-open: one call probes both
    expect(circuits.acquire(big)).toBe("provider");
    circuits.release(mini);
    expect(circuits.acquire(big)).toBeNull();
    circuits.success(big);
    expect(circuits.closed(big)).toBe(true);
    expect(circuits.modelStates("openai")).toEqual([
      { model: "gpt-4o-mini", circuit: "half_open" },
    ]);
  });
});
