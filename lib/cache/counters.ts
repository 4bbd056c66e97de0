/** Hits, misses and $ saved of one task type. */
export interface Count {
  hits: number;
  misses: number;
  savedUsd: number;
}

/**
 * Lookup counts summed in memory until they are written (a lookup itself never writes). `take`
 * hands them to a write; `restore` adds them back when that write failed, so none is lost.
 */
export class PendingCounts {
  private readonly byTaskType = new Map<string, Count>();

  get size(): number {
    return this.byTaskType.size;
  }

  add(taskType: string, c: Count): void {
    const p = this.byTaskType.get(taskType);
    if (!p) this.byTaskType.set(taskType, { ...c });
    else Object.assign(p, sum(p, c));
  }

  take(): [string, Count][] {
    const counts = [...this.byTaskType];
    this.byTaskType.clear();
    return counts;
  }

  restore(counts: [string, Count][]): void {
    for (const [taskType, c] of counts) this.add(taskType, c);
  }

  entries(): IterableIterator<[string, Count]> {
    return this.byTaskType.entries();
  }
}

export const sum = (a: Count, b: Count): Count => ({
  hits: a.hits + b.hits,
  misses: a.misses + b.misses,
  savedUsd: a.savedUsd + b.savedUsd,
});
