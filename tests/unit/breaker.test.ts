import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "@/lib/ai/breaker";

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
