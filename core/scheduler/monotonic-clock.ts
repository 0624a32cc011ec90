import type { Clock, TimerHandle } from './clock';
import { FineTimers } from './fine-timer';
import type { FineWaits } from './fine-waits';

/** Delays under this go through the fine timer as well (Node's own timers have a 1 ms floor). */
export const FINE_BELOW_MS = 2;

let fineTimers: FineTimers | undefined;

/** What one timer is armed on. */
interface Armed {
  coarse?: NodeJS.Timeout;
  fine?: number;
  immediate?: NodeJS.Immediate;
}

/**
 * The real clock: `performance.now()` for time, Node timers for waiting, armed for the delay
 * rounded up to a whole millisecond (Node truncates it: a 9.7 ms timer fired at 9 ms and was armed
 * again, two wake-ups for one timer; the host's main thread woke 203 times a second idle, 114
 * since) and armed again should Node still fire one early. A delay under
 * {@link FINE_BELOW_MS} is also armed on the process's {@link FineTimers}, which fire it within
 * tens of microseconds of its due time; the Node timer beside it keeps the process alive and
 * fires it should the fine timer not. A thread that does little but wait (the control thread) may
 * pass its own {@link FineWaits} instead (`InlineFineWaits`: it sleeps in place), which fire every
 * short delay themselves. A delay of 0 without such waits runs on the next turn of the event loop
 * (`setImmediate`): nothing is earlier, and no timer thread is started for it.
 */
export class MonotonicClock implements Clock {
  readonly real = true;
  private nextId = 1;
  private readonly timers = new Map<number, Armed>();

  constructor(private readonly fineWaits?: FineWaits) {}

  now(): number {
    return performance.now();
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    const delay = Math.max(0, delayMs);
    const due = performance.now() + delay;
    const fire = (): void => {
      const timer = this.timers.get(id);
      if (!timer) return;
      // Node measures timers on the loop's cached, whole-millisecond time: one set late in a long
      // loop iteration can fire up to a millisecond early. Never let it.
      const early = due - performance.now();
      if (early > 0) {
        timer.coarse = setTimeout(fire, Math.max(1, Math.ceil(early)));
        return;
      }
      this.clearTimer({ id });
      callback();
    };
    const timer: Armed = {};
    if (delay === 0 && !this.fineWaits) {
      timer.immediate = setImmediate(fire);
    } else {
      const fine = delay < FINE_BELOW_MS ? this.fineWaits ?? (fineTimers ??= new FineTimers()) : undefined;
      if (!fine?.firesItself) timer.coarse = setTimeout(fire, fine ? delay + 1 : Math.ceil(delay));
      if (fine) timer.fine = fine.add(due, fire);
    }
    this.timers.set(id, timer);
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    const t = this.timers.get(handle.id);
    if (!t) return;
    if (t.coarse) clearTimeout(t.coarse);
    if (t.immediate) clearImmediate(t.immediate);
    if (t.fine !== undefined) (this.fineWaits ?? fineTimers)?.remove(t.fine);
    this.timers.delete(handle.id);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(resolve, ms));
  }

  /** Real time cannot stand still: the work simply takes the time it takes. */
  hold<T>(work: Promise<T>): Promise<T> {
    return work;
  }

  /** Waits until `targetMs` (at once if it has passed). */
  advanceTo(targetMs: number): Promise<void> {
    return this.sleep(targetMs - this.now());
  }
}
