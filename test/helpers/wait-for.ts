/** A clock whose time a test moves itself (a VirtualClock); real time runs on its own. */
export interface SteppedClock {
  advance(ms: number): Promise<void>;
}

export interface WaitOptions<T> {
  /** Real milliseconds before giving up (default 5000). */
  readonly timeoutMs?: number;
  /** Real milliseconds to sleep between two looks (default 25). */
  readonly intervalMs?: number;
  /** A virtual clock to move on `advanceMs` before each sleep, so that its timers run while real work does. */
  readonly clock?: SteppedClock;
  /** Virtual milliseconds a look moves `clock` on (default 20). */
  readonly advanceMs?: number;
  /** Whether the value read is the one awaited (default: it is truthy). */
  readonly until?: (value: T) => boolean;
}

/**
 * Reads `read` until its value is the one awaited, looking again after each interval (moving
 * `clock` on first, where there is one), and returns that value. Past `timeoutMs` of real time it
 * throws an Error that names what was awaited and the last value seen.
 */
export async function waitFor<T>(what: string, read: () => T | Promise<T>, options: WaitOptions<T> = {}): Promise<T> {
  const { timeoutMs = 5000, intervalMs = 25, clock, advanceMs = 20, until = Boolean } = options;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last seen: ${shown(value)})`);
    if (clock) await clock.advance(advanceMs);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Moves `clock` on in steps of `advanceMs` until `work` settles, sleeping `intervalMs` of real
 * time between steps (0: none), and returns `work`: virtual time runs while real work (a boot,
 * a request, a model load) takes real time.
 */
export async function settleOn<T>(clock: SteppedClock, work: Promise<T>, options: { advanceMs?: number; intervalMs?: number } = {}): Promise<T> {
  const { advanceMs = 20, intervalMs = 5 } = options;
  let done = false;
  void work.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    await clock.advance(advanceMs);
    if (intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return work;
}

function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
