import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FineTimerSlot, allocateFineTimerShared } from './fine-timer-protocol';
import { fireDue, insertWait, type FineWait, type FineWaits } from './fine-waits';

/** Node 20 has Atomics.waitAsync; the ES2022 lib typings do not. */
interface AtomicsWithWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/**
 * Sub-millisecond wake-ups on the real clock. Node's timers have a 1 ms floor (`setTimeout(f, 0.3)`
 * waits 1 ms or more, on a busy loop 2); `Atomics.waitAsync` drops a fractional timeout to 0. A
 * worker thread blocked in `Atomics.wait` with the remaining time wakes within tens of
 * microseconds and wakes this thread through `Atomics.waitAsync`. Times are `performance.now()`
 * ms; a timer never fires before its due time.
 *
 * One worker serves the process (started on first use, unref'd). It keeps nothing alive: callers
 * hold a plain timer beside each fine one (keep-alive and fallback), as {@link MonotonicClock} does.
 * Without worker threads (or if it fails to start) nothing fires from here and the fallbacks do.
 */
export class FineTimers implements FineWaits {
  readonly firesItself = false;
  private readonly entries: FineWait[] = [];
  private readonly ctrl: Int32Array;
  private readonly deadline: BigInt64Array;
  private worker: Worker | undefined;
  private broken = false;
  private listening = false;
  private nextId = 1;

  constructor(private readonly workerFile = join(__dirname, 'fine-timer-worker.js')) {
    const shared = allocateFineTimerShared();
    this.ctrl = new Int32Array(shared, 0, 4);
    this.deadline = new BigInt64Array(shared, 16, 1);
  }

  /** Runs `run` at `due` (performance.now() ms), unless removed first; returns the id to remove it by. */
  add(due: number, run: () => void): number {
    const id = this.nextId++;
    if (this.broken) return id;
    if (insertWait(this.entries, { id, due, run }) === 0) this.arm();
    return id;
  }

  remove(id: number): void {
    const i = this.entries.findIndex((e) => e.id === id);
    if (i >= 0) this.entries.splice(i, 1);
  }

  private arm(): void {
    const first = this.entries[0];
    if (!first) return;
    if (!this.startWorker()) return;
    const ns = process.hrtime.bigint() + BigInt(Math.ceil(Math.max(0, first.due - performance.now()) * 1e6));
    Atomics.store(this.deadline, 0, ns);
    Atomics.add(this.ctrl, FineTimerSlot.armed, 1);
    Atomics.notify(this.ctrl, FineTimerSlot.armed);
    this.listen();
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    const seen = Atomics.load(this.ctrl, FineTimerSlot.fired);
    const w = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(this.ctrl, FineTimerSlot.fired, seen);
    if (w.async) void w.value.then(() => this.fired());
    else queueMicrotask(() => this.fired());
  }

  private fired(): void {
    this.listening = false;
    fireDue(this.entries, performance.now());
    if (this.entries.length > 0) this.arm();
  }

  private startWorker(): boolean {
    if (this.worker) return true;
    if (this.broken) return false;
    try {
      const worker = new Worker(this.workerFile, { workerData: this.ctrl.buffer });
      worker.unref();
      worker.on('error', () => this.breakDown());
      worker.on('exit', () => this.breakDown());
      this.worker = worker;
      return true;
    } catch {
      this.breakDown();
      return false;
    }
  }

  private breakDown(): void {
    this.broken = true;
    this.worker = undefined;
    this.entries.length = 0;
  }
}
