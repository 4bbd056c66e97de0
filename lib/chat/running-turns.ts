import "server-only";

/**
 * The chat answers streaming from this process, by turn id, so that the Stop button can end one
 * at once (POST /api/ai/chat/stop) instead of the server finding out from the connection closing,
 * which may be late (a proxy, a busy machine) and is not ordered with what the client does next.
 * A turn is in here from its first event until its stream ends, whichever way it ends. Per
 * process: a stop that reaches another instance finds nothing, and the client then disconnects.
 */
export class RunningTurns {
  private readonly turns = new Map<string, { userId: string; stop: () => void }>();

  /** Adds a turn; the returned function removes it (idempotent). */
  add(id: string, userId: string, stop: () => void): () => void {
    const entry = { userId, stop };
    this.turns.set(id, entry);
    return () => {
      if (this.turns.get(id) === entry) this.turns.delete(id);
    };
  }

  /** Stops the user's turn `id`; false when it is not streaming here (or is someone else's). */
  stop(id: string, userId: string): boolean {
    const turn = this.turns.get(id);
    if (!turn || turn.userId !== userId) return false;
    this.turns.delete(id);
    turn.stop();
    return true;
  }

  get size(): number {
    return this.turns.size;
  }
}
