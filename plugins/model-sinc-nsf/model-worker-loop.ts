import { parentPort, threadId } from 'node:worker_threads';
import { ModelThreadPriority, NeurorackError, owned, serveModelWorker, type HandlerResult } from 'neurorack/sdk';
import { renderBounded } from './blocked-render';
import { modelSizes } from './graph-runner';
import { renderProgressively } from './progressive-render';
import { createSession } from './session';
import { SessionRunner } from './session-runner';
import { StreamRenderer } from './stream-renderer';
import type { WorkerRequest } from './worker-protocol';

/**
 * The model worker (one per loaded model): owns the ONNX session, draws the randomness and runs
 * the streaming windows, so none of it runs on the main thread. Requests are handled as they
 * arrive; runs interleave at chunk boundaries (ORT's run holds this thread), with the first chunks
 * of progressive renders going first. Each stream's operations run in the order they were sent.
 */
interface OpenStream {
  readonly renderer: StreamRenderer;
  chain: Promise<unknown>;
}

const port = parentPort!;
/**
 * First chunks run at the control thread's priority, later chunks at the model's lower one: a gate
 * may be waiting for a first chunk, and the chunk an older render is finishing on the other model
 * thread (up to 32 frames and its context, about 30 ms) must not take half its core. Measured
 * with both at nice 10, a 13-frame first chunk took 6 to 15 ms beside such a chunk, 6 alone.
 */
const priority = new ModelThreadPriority();
const gate = priority.gate;
const streams = new Map<number, OpenStream>();
let runner: SessionRunner | undefined;
let initFailure: NeurorackError | undefined;

function ready(): SessionRunner {
  if (runner) return runner;
  throw initFailure ?? new NeurorackError('NR_MODEL_RENDER_FAILED', 'the model worker has no session (init was not sent)');
}

/** Runs `op` after the stream's earlier operations. */
function onStream<T>(id: number, op: (s: StreamRenderer) => T | Promise<T>): Promise<T> {
  const s = streams.get(id);
  if (!s) return Promise.reject(new NeurorackError('NR_USAGE', `stream ${id} is closed`));
  const next = s.chain.then(() => op(s.renderer));
  s.chain = next.catch(() => undefined);
  return next;
}

async function handle(m: WorkerRequest): Promise<HandlerResult> {
  switch (m.op) {
    case 'init': {
      const { init } = m;
      priority.loading(init.booting === true);
      try {
        const onnx = Buffer.from(init.onnx.buffer, init.onnx.byteOffset, init.onnx.byteLength);
        runner = new SessionRunner(await createSession(onnx, init.manifest, init.file, { intraOpThreads: init.intraOpThreads }), modelSizes(init.manifest), init.dir);
      } catch (err) {
        initFailure = err instanceof NeurorackError ? err : new NeurorackError('NR_MODEL_FILE_CORRUPT', String(err), { file: init.file });
        priority.loaded();
        throw initFailure;
      }
      // The golden check and the warm-up still run at the load's priority; 'loaded' ends it.
      return { value: { threadId } };
    }
    case 'loaded':
      // From here on renders go after the audio, the control thread and the main thread.
      priority.loaded();
      return { value: null };
    case 'restAt':
      priority.restAt(m.role);
      return { value: null };
    case 'render': return owned(await renderBounded(ready(), m.desc, m.t, m.seed));
    case 'run': return owned(await ready().run(m.desc, m.t, m.phase, m.harmonic, m.excitation, m.sampleStart));
    case 'renderInto':
      try {
        await renderProgressively(ready(), m.desc, m.t, m.seed, m.audio, m.ready, m.plan, gate, m.cancel, m.part, m.urgent === true, m.played ?? null);
      } finally {
        priority.settle(); // raised by its client for an urgent chunk that never began: back at rest
      }
      return { value: null };
    case 'streamOpen':
      streams.set(m.stream, { renderer: new StreamRenderer(ready(), m.seed, { blockFrames: m.blockFrames }), chain: Promise.resolve() });
      return { value: null };
    case 'streamPush':
      await onStream(m.stream, (s) => s.pushPacked(m.desc, m.frames));
      return { value: null };
    case 'streamEnd':
      await onStream(m.stream, (s) => s.end());
      return { value: null };
    case 'streamPull': {
      const block = await onStream(m.stream, async (s) => ({ audio: await s.pull(), framesOut: s.framesOut }));
      const audio = block.audio && block.audio.slice();
      return { value: { audio, framesOut: block.framesOut }, transfer: audio ? [audio.buffer] : [] };
    }
    case 'streamClose':
      streams.delete(m.stream);
      return { value: null };
    case 'close':
      // Release the session here, between runs, and end this thread on our own: terminating a
      // thread from outside while the runtime is inside a run aborts the whole process.
      streams.clear();
      await runner?.release();
      runner = undefined;
      setImmediate(() => port.close());
      return { value: null };
  }
}

serveModelWorker(port, handle);
