import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';
import { NeurorackError } from '../errors/neurorack-error';
import { takePrestarted } from './prestarted-workers';

/** Every message a job thread sends names the job it belongs to. */
export interface JobMessage {
  readonly id: number;
}

/**
 * How long `close` lets the thread finish the job it is on before stopping it from outside: a
 * thread stopped in the middle of a native call can abort the whole process (a host aborted once
 * at exit on "Assertion failed: init_done_ && close before init" in a worker's zlib teardown,
 * bench:patches ratchet with a panel client; which worker was not found, and the PNG thread runs
 * zlib all the time). A screen's PNG takes a few ms; a job that runs longer is stopped at this bound.
 */
export const CLOSE_GRACE_MS = 500;

interface Pending<M> {
  resolve(message: M): void;
  reject(err: Error): void;
  onUpdate?: (message: M) => void;
}

/**
 * A worker thread that answers numbered jobs: started on the first job, never keeping the process
 * alive while it has none, jobs answered in the order the thread answers them. The thread replies
 * to a job `{ id, ... }` with messages carrying the same id: the last one (for which `isUpdate`
 * is false) is the answer, any before it are updates (progress). When the thread stops or fails,
 * every job waiting on it is rejected (NR_INTERNAL naming the thread; NR_WORK_TOO_LARGE for the
 * job it was running when it ran past its memory budget) and the next job starts a new one.
 */
export class JobThread<Job extends object, Message extends JobMessage> {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Message>>();
  /** For each thread: the jobs it has not answered yet (those already rejected here included), and who waits for that to reach 0. */
  private readonly unanswered = new WeakMap<Worker, { count: number; onAnswered?: () => void }>();

  constructor(
    /** The worker's script (a compiled .js path). */
    private readonly file: string,
    /** What the thread is, for errors ("the bank thread"). */
    private readonly name: string,
    private readonly isUpdate: (message: Message) => boolean = () => false,
    /** The thread's memory budget: a job that needs more fails with NR_WORK_TOO_LARGE, and the host goes on. */
    private readonly resourceLimits?: ResourceLimits,
  ) {}

  /** Jobs sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends `job` with an id of its own; `transfer` moves buffers to the thread. */
  run(job: Job, transfer: readonly Transferable[] = [], onUpdate?: (message: Message) => void): Promise<Message> {
    const id = this.nextId++;
    const worker = this.start();
    return new Promise<Message>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onUpdate });
      if (this.pending.size === 1) worker.ref();
      this.unanswered.get(worker)!.count++;
      worker.postMessage({ ...job, id }, transfer as Transferable[]);
    });
  }

  /**
   * Stops the thread; jobs still waiting are rejected at once. The thread itself is stopped once
   * it has answered the jobs it was sent, or after CLOSE_GRACE_MS: never in the middle of a job
   * that ends in time.
   */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.failAll(`${this.name} was closed`);
    const jobs = w && this.unanswered.get(w);
    if (w && jobs && jobs.count > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (jobs.onAnswered = resolve)),
        new Promise<void>((resolve) => w.once('exit', () => resolve())),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS))),
      ]);
      clearTimeout(timer);
    }
    await w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = takePrestarted(this.file) ?? new Worker(this.file, this.resourceLimits ? { resourceLimits: this.resourceLimits } : {});
    worker.unref();
    const jobs: { count: number; onAnswered?: () => void } = { count: 0 };
    this.unanswered.set(worker, jobs);
    worker.on('message', (m: Message) => {
      if (!this.isUpdate(m) && --jobs.count <= 0) jobs.onAnswered?.();
      const p = this.pending.get(m.id);
      if (!p) return;
      if (this.isUpdate(m)) return p.onUpdate?.(m);
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      p.resolve(m);
    });
    const fail = (why: string, code: 'NR_INTERNAL' | 'NR_WORK_TOO_LARGE' = 'NR_INTERNAL'): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(why, code);
    };
    worker.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const budget = this.resourceLimits?.maxOldGenerationSizeMb;
        return fail(`${this.name} ran out of its memory budget${budget ? ` (${budget} MB of heap)` : ''} on the job it had; expected a smaller input`, 'NR_WORK_TOO_LARGE');
      }
      fail(`${this.name} failed (${err.message})`);
    });
    worker.on('exit', (code) => fail(`${this.name} stopped (exit ${code})`));
    this.worker = worker;
    return worker;
  }

  /** Rejects every waiting job; with NR_WORK_TOO_LARGE only the oldest (the one the thread ran) gets it. */
  private failAll(why: string, code: 'NR_INTERNAL' | 'NR_WORK_TOO_LARGE' = 'NR_INTERNAL'): void {
    let first = true;
    for (const p of this.pending.values()) {
      p.reject(first || code === 'NR_INTERNAL' ? new NeurorackError(code, why) : new NeurorackError('NR_INTERNAL', `${this.name} stopped on an earlier job that ran out of memory; try again`));
      first = false;
    }
    this.pending.clear();
  }
}
