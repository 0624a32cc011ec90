/**
 * Lets the first chunk of a new progressive render go before the later chunks of older ones, so
 * a new request's first audio waits for at most the one chunk already running on the thread.
 */
export class FirstChunkGate {
  private firsts = 0;
  private waiters: Array<() => void> = [];

  /** A first chunk is waiting or running: later chunks hold back until `leaveFirst`. */
  enterFirst(): void {
    this.firsts++;
  }

  leaveFirst(): void {
    if (--this.firsts > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once no first chunk is waiting or running. */
  clear(): Promise<void> {
    return this.firsts === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
