import type { Clock, TimerHandle } from './clock';
import { TimerHeap } from './timer-heap';

/** Lets promise continuations (code after an `await clock.sleep()`) run before time moves on. */
function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock that only moves when told to. `advance(ms)` fires every timer due in that span in time
 * order, letting awaiting code run between timers, so a replay of ten minutes takes as long as its
 * computation does, and the same inputs always give the same outputs.
 */
export class VirtualClock implements Clock {
  private current: number;
  private nextId = 1;
  private seq = 0;
  private readonly pending = new TimerHeap();
  private readonly held = new Set<Promise<unknown>>();

  constructor(startMs = 0) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.pending.push({ id, due: this.current + Math.max(0, delayMs), seq: this.seq++, callback });
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    this.pending.cancel(handle.id);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(resolve, ms));
  }

  /** Moves time forward by `ms` (code running inside a timer may call this to model its own cost). */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.current + ms);
  }

  /**
   * Real work (a model loading, a render computing, a file being read) during which virtual time
   * must stand still: until `work` settles, `advance` waits for it before firing any timer or
   * moving time. This is what keeps a replay deterministic whatever the machine's speed.
   * Returns `work`.
   */
  hold<T>(work: Promise<T>): Promise<T> {
    const tracked = work.then(() => undefined, () => undefined);
    this.held.add(tracked);
    void tracked.then(() => this.held.delete(tracked));
    return work;
  }

  /** Moves time to `targetMs`, firing due timers in order. */
  async advanceTo(targetMs: number): Promise<void> {
    await this.settleHeld();
    for (;;) {
      const next = this.pending.peek();
      if (!next || next.due > targetMs) break;
      this.pending.pop();
      if (next.due > this.current) this.current = next.due;
      next.callback();
      await this.settleHeld();
    }
    await this.settleHeld();
    if (targetMs > this.current) this.current = targetMs;
  }

  /** Lets continuations run, then waits for held real work (and what it starts) to finish. */
  private async settleHeld(): Promise<void> {
    await flushMicrotasks();
    while (this.held.size) {
      await Promise.all([...this.held]);
      await flushMicrotasks();
    }
  }

  /** Moves time forward by `ms` without firing anything: models CPU time spent inside a callback. */
  spend(ms: number): void {
    this.current += ms;
  }

  /** Number of timers waiting to fire. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Slots the timer heap holds, cancelled timers not yet dropped included (bounded by about twice pendingCount). */
  get heapSlots(): number {
    return this.pending.slots;
  }
}
