import * as ort from 'onnxruntime-node';
import { parentPort, threadId } from 'node:worker_threads';
import { ModelThreadPriority, NeurorackError, owned, serveModelWorker, type HandlerResult } from 'neurorack/sdk';
import { fraveSizes, type FraveSizes } from './frave-manifest';
import { FraveRenderer } from './frave-renderer';
import { encodeAudio } from './frave-encode';
import { StatefulGraph } from './stateful-graph';
import type { WorkerRequest } from './worker-protocol';

/**
 * The FRAVE model worker (one per loaded model): owns the decoder and encoder sessions and runs
 * every call, so none of it runs on the main thread. Renders interleave at chunk boundaries, first
 * chunks first, at the control thread's priority while one waits (FirstChunkGate), as the
 * sinc-NSF's do.
 */
const port = parentPort!;
const priority = new ModelThreadPriority();
const gate = priority.gate;
let loaded: { decoder: StatefulGraph; encoder?: StatefulGraph; renderer: FraveRenderer; sizes: FraveSizes } | undefined;
let initFailure: NeurorackError | undefined;

function ready(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  throw initFailure ?? new NeurorackError('NR_MODEL_RENDER_FAILED', 'the model worker has no session (init was not sent)');
}

async function handle(m: WorkerRequest): Promise<HandlerResult> {
  switch (m.op) {
    case 'init': {
      const { init } = m;
      priority.loading(init.booting === true);
      try {
        const sizes = fraveSizes(init.manifest);
        const decoder = await StatefulGraph.create(init.decoder, init.manifest.onnx, init.decoderFile, '/onnx', init.intraOpThreads);
        const encoder = init.encoder && init.manifest.encoder ? await StatefulGraph.create(init.encoder, init.manifest.encoder, init.encoderFile!, '/encoder', init.intraOpThreads) : undefined;
        loaded = { decoder, encoder, renderer: new FraveRenderer(decoder, sizes), sizes };
      } catch (err) {
        initFailure = err instanceof NeurorackError ? err : new NeurorackError('NR_MODEL_FILE_CORRUPT', String(err), { file: init.decoderFile });
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
    case 'render': {
      const { renderer, decoder } = ready();
      const audio = await renderer.render(m);
      return { value: { audio, resets: decoder.resets }, transfer: [audio.buffer as ArrayBuffer] };
    }
    case 'renderInto': {
      const { renderer, decoder } = ready();
      try {
        await renderer.renderInto(m, m.audio, m.ready, m.cancel, m.from, m.to, gate, m.urgent === true, m.firstFrames ?? 0, m.played ?? null);
      } finally {
        priority.settle();
      }
      return { value: { resets: decoder.resets } };
    }
    case 'decodeCalls': {
      const { decoder, sizes } = ready();
      const { dim, width, bands, perBand, hop } = sizes;
      const total = m.calls.reduce((a, b) => a + b, 0);
      const audio = new Float32Array(total * hop);
      let state = decoder.zeroState();
      let t0 = 0;
      for (const n of m.calls) {
        const noise = new Float32Array(bands * n * perBand);
        for (let b = 0; b < bands; b++) noise.set(m.noise.subarray(b * total * perBand + t0 * perBand, b * total * perBand + (t0 + n) * perBand), b * n * perBand);
        const r = await decoder.run({
          latent: new ort.Tensor('float32', m.latent.subarray(t0 * dim, (t0 + n) * dim), [1, n, dim]),
          descriptors: new ort.Tensor('float32', m.desc.subarray(t0 * width, (t0 + n) * width), [1, n, width]),
          [sizes.noiseInput]: new ort.Tensor('float32', noise, [1, bands, n * perBand]),
        }, state);
        audio.set(r.outputs['audio']!.data as Float32Array, t0 * hop);
        state = r.state;
        t0 += n;
      }
      return owned(audio);
    }
    case 'encode': {
      const { encoder, sizes } = ready();
      if (!encoder) throw new NeurorackError('NR_TIMBRE_UNSUPPORTED', 'this model folder has no encoder graph');
      return owned(await encodeAudio(encoder, sizes, m.audio));
    }
    case 'close':
      // Release the sessions here, between runs, and end this thread on our own (terminating it
      // from outside while the runtime is inside a run aborts the process).
      await loaded?.decoder.release();
      await loaded?.encoder?.release();
      loaded = undefined;
      setImmediate(() => port.close());
      return { value: null };
  }
}

serveModelWorker(port, handle);
