/**
 * Lets the first chunk of a new progressive render go before the later chunks of older ones, so
 * a new request's first audio waits for at most the one chunk already running on the thread.
 * `onFirsts(true)` is called when first chunks start waiting or running and `onFirsts(false)`
 * when none is left: the model worker runs them at a higher priority than later chunks.
 */
export class FirstChunkGate {
  private firsts = 0;
  private urgent = 0;
  private waiters: Array<() => void> = [];
  private urgentWaiters: Array<() => void> = [];

  /** `onFirsts(pending, urgent)`: whether first chunks wait or run, and whether one of them is urgent (a voice waits for it, RenderTarget.urgent). */
  constructor(private readonly onFirsts?: (pending: boolean, urgent: boolean) => void) {}

  /** A first chunk is waiting or running: later chunks hold back until `leaveFirst` (with the same `urgent`). */
  enterFirst(urgent = false): void {
    const wasUrgent = this.urgent > 0;
    if (urgent) this.urgent++;
    if (this.firsts++ === 0 || (urgent && !wasUrgent)) this.onFirsts?.(true, this.urgent > 0);
  }

  leaveFirst(urgent = false): void {
    if (urgent && --this.urgent === 0) {
      const waiters = this.urgentWaiters;
      this.urgentWaiters = [];
      for (const w of waiters) w();
    }
    if (--this.firsts > 0) {
      if (urgent && this.urgent === 0) this.onFirsts?.(true, false);
      return;
    }
    this.onFirsts?.(false, false);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Whether a first chunk is waiting or running. */
  get pending(): boolean {
    return this.firsts > 0;
  }

  /**
   * Resolves once no urgent first chunk is waiting or running: where one thread writes every
   * render, another first chunk awaits it before each of its model calls, so a voice waiting for
   * its chunk is not held behind first chunks asked a moment before (a CV step just before a gate).
   */
  urgentClear(): Promise<void> {
    return this.urgent === 0 ? Promise.resolve() : new Promise((resolve) => this.urgentWaiters.push(resolve));
  }

  /** Resolves once no first chunk is waiting or running. */
  clear(): Promise<void> {
    return this.firsts === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
