import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { NeurorackError } from '../errors/neurorack-error';
import { fromWire, type WorkerHello, type WorkerReply } from './worker-wire';
import { raiseThread, type ThreadRole } from '../scheduler/thread-priority';
import { LONG_LIVED_THREAD_LIMITS } from '../threads/young-generation';

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** What a model worker is started with: its compiled entry and the `init` request it gets first (and again after a restart). */
export interface ModelWorkerStart<Req extends { readonly op: string }> {
  readonly file: string;
  readonly init: Extract<Req, { op: 'init' }>;
  /** The model file errors of a stopped worker name. */
  readonly modelFile?: string;
}

/**
 * The main thread's end of one model worker, for any runtime: `Req` is the union of its requests
 * (each with an `op`; `init` and `close` among them), `Res` what each op resolves with. The worker
 * answers through {@link serveModelWorker}. Obligations:
 * - `request` posts at once (no await before the message leaves) and settles with the worker's
 *   answer; errors keep their NeurorackError code.
 * - When the worker stops (crash, exit, `dispose`), every request still waiting rejects with
 *   NR_MODEL_RENDER_FAILED; none hangs. The next request starts a fresh worker from the same
 *   verified bytes (streams of the stopped worker are gone: see `generation`).
 * - The worker keeps the process alive only while a request is waiting.
 */
export class ModelWorkerClient<Req extends { readonly op: string }, Res extends { [K in Req['op']]: unknown }> {
  private worker: Worker | undefined;
  private stopReason: Error | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;
  /** The running worker's system thread id, once it has said it (WorkerHello). */
  private tid: number | null = null;
  /** Counts worker starts; a stream opened in one generation dies with it. */
  generation = 0;

  private readonly file: string;

  private constructor(private readonly start: ModelWorkerStart<Req>) {
    this.file = start.file;
  }

  /** Starts the worker and sends it `init` (it builds its sessions there); rejects with init's error (worker ended). */
  static async start<Req extends { readonly op: string }, Res extends { [K in Req['op']]: unknown }>(start: ModelWorkerStart<Req>): Promise<ModelWorkerClient<Req, Res>> {
    const { file } = start;
    if (!existsSync(file)) throw new NeurorackError('NR_INTERNAL', `the model worker ${file} is missing (run npm run build)`, { file });
    const client = new ModelWorkerClient<Req, Res>(start);
    try {
      await client.request(start.init);
    } catch (err) {
      await client.dispose();
      throw err;
    }
    return client;
  }

  /** The worker's thread id, or -1 when none is running. */
  get threadId(): number {
    return this.worker?.threadId ?? -1;
  }

  /**
   * Sends a request. `raise`: a role to raise the worker's thread to first (where it rests lower),
   * so that it wakes for this request at once: a voice waits for it (an urgent first chunk). The
   * worker lowers itself again when it is done (ModelThreadPriority).
   */
  request<K extends Req['op']>(msg: Extract<Req, { op: K }>, transfer: ArrayBuffer[] = [], raise?: ThreadRole): Promise<Res[K]> {
    if (this.disposed) return Promise.reject(new NeurorackError('NR_MODEL_RENDER_FAILED', 'the model was disposed'));
    const worker = this.worker ?? this.spawn();
    if (raise !== undefined && this.tid !== null) raiseThread(this.tid, raise);
    const id = this.next++;
    const done = new Promise<Res[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    worker.ref();
    worker.postMessage({ ...msg, id }, transfer);
    return done;
  }

  /**
   * Ends the worker cleanly: requests already sent finish (progressive renders stop early when
   * their caller cancels them), then the worker releases its session between runs and exits on its
   * own. Only a worker that does not exit within `graceMs` is terminated from outside.
   */
  async dispose(graceMs = 5000): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const w = this.worker;
    if (!w) return;
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    const deadline = Date.now() + graceMs;
    while (this.pending.size > 0 && Date.now() < deadline && this.worker === w) await new Promise((r) => setTimeout(r, 5));
    if (this.worker === w) {
      this.stopReason = new Error('the model was disposed');
      w.ref();
      w.postMessage({ op: 'close', id: this.next++ });
      const timer = setTimeout(() => void w.terminate(), Math.max(100, deadline - Date.now()));
      await exited;
      clearTimeout(timer);
    }
  }

  private spawn(): Worker {
    const w = new Worker(this.file, { resourceLimits: LONG_LIVED_THREAD_LIMITS });
    this.worker = w;
    this.tid = null;
    this.generation++;
    this.stopReason = undefined;
    w.on('message', (m: WorkerReply | WorkerHello) => ('hello' in m ? this.greeted(w, m) : this.settle(w, m)));
    w.on('error', (err) => { this.stopReason ??= err; });
    w.on('exit', (code) => this.stopped(w, code));
    if (this.generation > 1) w.postMessage({ ...this.start.init, id: 0 });
    return w;
  }

  private greeted(w: Worker, m: WorkerHello): void {
    if (this.worker === w) this.tid = m.hello.tid;
  }

  private settle(w: Worker, m: WorkerReply): void {
    const p = this.pending.get(m.id);
    if (p) {
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(fromWire(m.error));
    }
    if (this.pending.size === 0) w.unref();
  }

  private stopped(w: Worker, code: number): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    this.tid = null;
    const why = this.stopReason?.message ?? `exit code ${code}`;
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const p of failed) p.reject(new NeurorackError('NR_MODEL_RENDER_FAILED', `the model worker stopped (${why})`, { file: this.start.modelFile ?? this.file }, { cause: this.stopReason }));
  }
}
