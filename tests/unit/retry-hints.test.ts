import { describe, expect, it } from "vitest";
import { MAX_HINT_MS, RetryHints, retryAfterMs } from "@/lib/ai/retry-hints";

const mini = { provider: "openai", id: "gpt-4o-mini" };
const big = { provider: "openai", id: "gpt-4o" };
const haiku = { provider: "anthropic", id: "claude-3-5-haiku-latest" };

function clocked() {
  let t = 1_000_000;
  return { hints: new RetryHints(() => t), advance: (ms: number) => (t += ms) };
}

describe("RetryHints", () => {
  it("a model's hint holds that model only, until it expires", () => {
    const { hints, advance } = clocked();
    hints.remember(mini, "model", 60_000);
    expect(hints.remainingMs(mini)).toBe(60_000);
    expect(hints.remainingMs(big)).toBe(0);
    advance(59_999);
    expect(hints.remainingMs(mini)).toBe(1);
    advance(1);
    expect(hints.remainingMs(mini)).toBe(0);
  });

  it("a provider's hint holds every model on it", () => {
    const { hints } = clocked();
    hints.remember(mini, "provider", 5_000);
    expect(hints.remainingMs(big)).toBe(5_000);
    expect(hints.remainingMs(haiku)).toBe(0);
  });

  it("is capped at 10 minutes, keeps the longer of two, ignores request-scoped and empty hints", () => {
    const { hints } = clocked();
    hints.remember(mini, "model", 86_400_000);
    expect(hints.remainingMs(mini)).toBe(MAX_HINT_MS);
    expect(MAX_HINT_MS).toBe(600_000);
    hints.remember(mini, "model", 1_000);
    expect(hints.remainingMs(mini)).toBe(MAX_HINT_MS);
    hints.remember(haiku, "request", 5_000);
    hints.remember(haiku, "model", 0);
    expect(hints.remainingMs(haiku)).toBe(0);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2030-01-01T00:00:00Z");
  it.each([
    [{ "retry-after": "60" }, 60_000],
    [{ "retry-after": "1.5" }, 1_500],
    [{ "retry-after-ms": "250", "retry-after": "1" }, 250],
    [{ "retry-after": "Tue, 01 Jan 2030 00:00:30 GMT" }, 30_000],
    [{ "retry-after": "Tue, 31 Dec 2029 00:00:30 GMT" }, 0],
    [{ "retry-after": "soon" }, undefined],
    [{ "retry-after": "-5" }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ])("%j → %s", (headers, ms) => {
    expect(retryAfterMs(headers, now)).toBe(ms);
  });
});
