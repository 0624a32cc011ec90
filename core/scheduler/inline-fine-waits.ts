import { fireDue, insertWait, type FineWait, type FineWaits } from './fine-waits';

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
  private readonly entries: FineWait[] = [];
  private readonly sleeper = new Int32Array(new SharedArrayBuffer(4));
  private pumping: NodeJS.Immediate | undefined;
  private nextId = 1;

  add(due: number, run: () => void): number {
    const id = this.nextId++;
    insertWait(this.entries, { id, due, run });
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
    fireDue(this.entries, performance.now());
    if (this.entries.length > 0) this.pumping ??= setImmediate(this.pump);
  };
}
