/** Delays between retries after a fault: 250 ms, doubling up to a 30 s cap; a success starts over. */
export class Backoff {
  private attempts = 0;

  constructor(
    readonly firstMs = 250,
    readonly capMs = 30_000,
  ) {}

  next(): number {
    const delay = Math.min(this.capMs, this.firstMs * 2 ** this.attempts);
    if (delay < this.capMs) this.attempts++;
    return delay;
  }

  reset(): void {
    this.attempts = 0;
  }
}

/**
 * Retries `attempt` on an unref'd timer, with backoff, until it returns true. A fault that happens
 * while a retry is already due does not push it back: one timer at a time.
 */
export class Healer {
  private timer?: NodeJS.Timeout;
  private readonly backoff = new Backoff();

  constructor(private readonly attempt: () => boolean) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.attempt()) this.backoff.reset();
      else this.schedule();
    }, this.backoff.next());
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
