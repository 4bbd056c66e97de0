import { describe, expect, it } from "vitest";
import { Backoff } from "@/lib/cache/heal";

describe("cache retry backoff", () => {
  it("waits 250 ms, doubling to a 30 s cap, and starts over after a success", () => {
    const backoff = new Backoff();
    const delays = Array.from({ length: 10 }, () => backoff.next());
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    backoff.reset();
    expect(backoff.next()).toBe(250);
  });
});
