import { parentPort, Worker, workerData, type ResourceLimits, type Transferable } from 'node:worker_threads';

/** A prestarted worker's boot order: the first message it gets. */
export interface InitMessage<T> {
  readonly op: 'init';
  readonly init: T;
}

const early = new Map<string, Worker>();

/**
 * Starts a worker before what it needs is known, so that its modules load (0.1-0.2 s of a core
 * each) while this thread loads its own: `start`'s control thread, audio worker and bank thread
 * began their boots only once the rack was read, with the second core idle until then. The worker
 * waits for its init ({@link receiveInit}; {@link startWorker} sends it) or, a job thread, for its
 * first job ({@link takePrestarted}).
 * Unreferenced until taken, so a command that fails first still exits. Returns the worker (the one
 * already prestarted for `file`, if any).
 */
export function prestartWorker(file: string, resourceLimits?: ResourceLimits): Worker {
  const running = early.get(file);
  if (running) return running;
  const w = new Worker(file, { workerData: null, ...(resourceLimits ? { resourceLimits } : {}) });
  w.on('error', () => undefined); // one that fails before it is taken: the caller starts another, which reports
  w.unref();
  early.set(file, w);
  return w;
}

/**
 * Starts the worker for `file` with `init`: the prestarted one when there is one still running
 * (sent `init`, with `transfer`), else a new one given `init` as its workerData.
 */
export function startWorker<T>(file: string, init: T, options: { resourceLimits?: ResourceLimits; transfer?: readonly Transferable[] } = {}): Worker {
  const w = takePrestarted(file);
  if (w) {
    w.postMessage({ op: 'init', init } satisfies InitMessage<T>, options.transfer as Transferable[] | undefined);
    return w;
  }
  return new Worker(file, { workerData: init, transferList: options.transfer as Transferable[] | undefined, ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}) });
}

/**
 * The prestarted worker for `file` as it is (referenced again), for a worker that takes no init (a
 * job thread: it answers jobs from its first message on), or undefined. Its resource limits are
 * those it was prestarted with.
 */
export function takePrestarted(file: string): Worker | undefined {
  const w = early.get(file);
  early.delete(file);
  if (!w || w.threadId < 0) return undefined;
  w.ref();
  return w;
}

/** Ends the prestarted workers nobody took (the host chose not to use them). */
export async function dropPrestarted(): Promise<void> {
  const left = [...early.values()];
  early.clear();
  await Promise.all(left.map((w) => w.terminate()));
}

/** In a worker: runs `start` with its init, given as workerData or, prestarted, as its first message. */
export function receiveInit<T>(start: (init: T) => void): void {
  if (workerData !== null && workerData !== undefined) return start(workerData as T);
  parentPort!.once('message', (m: InitMessage<T>) => start(m.init));
}
