import type { FineWaits } from './fine-waits';

interface Entry {
  readonly id: number;
  readonly due: number;
  readonly run: () => void;
}

/**
 * Sub-millisecond waits for a thread that does little but wait between them (the control thread:
 * an ADC conversion every few hundred microseconds): the thread itself sleeps in `Atomics.wait`
 * until the earliest entry is due, fires what is due, and lets its event loop turn once
 * (`setImmediate`) before it sleeps again. Messages and other timers are answered between waits,
 * at most one wait (under 2 ms) late. Cheaper than the timer thread ({@link FineTimers}): no second
 * thread to wake, no Node timer or promise per wait. Never on the main thread, which must not
 * block.
 */
export class InlineFineWaits implements FineWaits {
  readonly firesItself = true;
  private readonly entries: Entry[] = [];
  private readonly sleeper = new Int32Array(new SharedArrayBuffer(4));
  private pumping: NodeJS.Immediate | undefined;
  private nextId = 1;

  add(due: number, run: () => void): number {
    const id = this.nextId++;
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1]!.due > due) i--;
    this.entries.splice(i, 0, { id, due, run });
    this.pumping ??= setImmediate(this.pump);
    return id;
  }

  remove(id: number): void {
    const i = this.entries.findIndex((e) => e.id === id);
    if (i >= 0) this.entries.splice(i, 1);
  }

  private readonly pump = (): void => {
    this.pumping = undefined;
    const first = this.entries[0];
    if (!first) return;
    const wait = first.due - performance.now();
    if (wait > 0) Atomics.wait(this.sleeper, 0, 0, wait);
    const now = performance.now();
    while (this.entries.length > 0 && this.entries[0]!.due <= now) {
      const e = this.entries.shift()!;
      try {
        e.run();
      } catch (err) {
        // Same as a throwing setTimeout callback: report it, keep the other waits going.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    if (this.entries.length > 0) this.pumping ??= setImmediate(this.pump);
  };
}
