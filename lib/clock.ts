/** Wall-clock time, injected so tests and workers can pin it. Durations use performance.now(). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays at `at` until moved (tests, replays). */
export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (to) => void (current = new Date(to)),
  };
}
