import { join } from 'node:path';
import { checkRenderTarget, DEFAULT_RENDER_SEED, NeurorackError, packDescriptors, readVerifiedFiles, type LoadedModel, type ModelManifest, type RenderTarget, type SchemaRegistry } from 'neurorack/sdk';
import { modelSizes, SizedModel, type GraphRunner } from './graph-runner';
import { readModelManifest } from './model-manifest';
import { ModelStream } from './model-stream';
import { startModelWorker, type SincNsfWorker } from './model-worker-client';
import type { SessionOptions } from './session';
import { checkGolden } from './golden';
import type { StreamOptions } from './stream-renderer';
import { DEFAULT_CHUNKS } from './progressive-render';
import type { WorkerInit, WorkerRequest } from './worker-protocol';

/** Options for loading a model folder. */
export interface LoadOptions extends SessionOptions {
  /** The host's schema registry (one Ajv for the host); a fresh one when absent. */
  readonly schemas?: SchemaRegistry;
  /** Replay the golden vector before handing the model out (default true). */
  readonly checkGolden?: boolean;
  /**
   * Model threads that progressive renders share (default 1; the host's rack config says 2). A
   * model thread cannot leave a chunk half-way, so with one thread a new render's first chunk
   * waits for the chunk an older, now stale, render is on; with two or more the first is kept for
   * first chunks (see renderInto).
   */
  readonly renderLanes?: number;
  /** The host is booting: the model threads load ahead of the control thread (ModelLoadOptions.booting). */
  readonly booting?: boolean;
}

/** Frames of a lane's warm-up render: its first chunk and three more (chunks of 2, 4, 8 and 2 frames, with their windows). */
const WARM_UP_FRAMES = 16;

/**
 * A loaded sinc-NSF model folder. The ONNX session, the randomness and the streaming windows live
 * in the model's own worker thread; this object posts requests and hands back results, so a render
 * never blocks the caller's event loop. Obligations (ModelRenderer): `render(frames, seed)` resolves
 * with frames.length * hop samples, the same for the same frames and seed; `renderInto` writes the
 * same samples progressively (first chunk at most 8 frames); bad frames reject with
 * NR_MODEL_DESCRIPTORS_INVALID and leave the model usable; a worker that stops rejects what was
 * waiting with NR_MODEL_RENDER_FAILED (the next request starts a fresh one); `dispose()` ends it.
 * With more than one render lane (worker), the first takes the first chunks of progressive renders
 * (and streams and graph runs), the others the rest of them and offline renders.
 */
export class SincNsfModel extends SizedModel implements LoadedModel, GraphRunner {
  readonly id: string;

  private readonly worker: SincNsfWorker;
  /** Progressive renders running on each lane (lane 0 is `worker`). */
  private readonly running: number[];
  /** Progressive renders each lane has been given. */
  readonly rendersPerLane: number[];
  /** First chunks sent to the first lane and not yet written (or given up), by their renders' cancel flags. */
  private readonly firsts = new Set<{ readonly cancel: Int32Array | null }>();
  /** Lanes being added (see addLanes), settled when they have joined or failed. */
  private adding: Promise<void> = Promise.resolve();
  private disposed = false;
  /** Why lanes asked for by addLanes did not join (the model renders on the lanes it has). */
  readonly laneFailures: NeurorackError[] = [];

  constructor(readonly manifest: ModelManifest, readonly dir: string, private readonly lanes: SincNsfWorker[], private readonly init: WorkerInit) {
    super(modelSizes(manifest));
    this.worker = lanes[0]!;
    this.running = lanes.map(() => 0);
    this.rendersPerLane = lanes.map(() => 0);
    this.id = manifest.id;
  }

  /** Loads, verifies (schema, sha256, runtime I/O, golden vector) and returns a ready model. */
  static async load(dir: string, options: LoadOptions = {}): Promise<SincNsfModel> {
    const manifest = readModelManifest(dir, options.schemas);
    modelSizes(manifest); // a manifest without fixed sizes fails before a worker starts
    const files = readVerifiedFiles(dir, manifest);
    const onnxFile = manifest.files.find((f) => (f.role ?? 'onnx') === 'onnx')!;
    const init: WorkerInit = { onnx: files.get(onnxFile.path)!, manifest, file: join(dir, onnxFile.path), dir, intraOpThreads: options.intraOpThreads, booting: options.booting };
    const lanes = Math.max(1, Math.floor(options.renderLanes ?? 1));
    const started = await Promise.allSettled(Array.from({ length: lanes }, () => startModelWorker(init)));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.dispose() : undefined)));
      throw failed.reason;
    }
    const model = new SincNsfModel(manifest, dir, started.map((s) => (s as PromiseFulfilledResult<SincNsfWorker>).value), init);
    try {
      if (options.checkGolden !== false) {
        const golden = files.get(manifest.golden.file);
        if (!golden) throw new NeurorackError('NR_SCHEMA_INVALID', `golden.file ${manifest.golden.file} is not listed in files`, { file: join(dir, 'manifest.json'), pointer: '/golden/file' });
        await checkGolden(model, golden, manifest.golden.tolerance, join(dir, manifest.golden.file));
      }
    } catch (err) {
      await model.dispose();
      throw err;
    }
    return model;
  }

  /** The descriptor names of one input frame, in the manifest's order (f0 last). */
  get descriptorNames(): readonly string[] {
    return this.manifest.descriptors.map((d) => d.name);
  }

  /** The training means: what a silent start is conditioned on, and what warm-ups render. */
  get neutralFrame(): readonly number[] {
    return this.neutral;
  }

  /** Frames past a streamed block that must be pushed before it comes out (the graph's lookahead). */
  get lookaheadFrames(): number {
    return this.rightFrames;
  }

  /** The model worker's thread id (-1 when it is not running). */
  get threadId(): number {
    return this.worker.threadId;
  }

  /** Offline render: descriptors [T][width] (raw, f0 last) and a seed to T*hop samples. */
  async render(frames: number[][], seed: number): Promise<Float32Array> {
    // Never on the lane kept for first chunks (when there is more than one): a whole render holds its thread.
    return this.renderOn(this.lanes[this.lanes.length - 1]!, frames, seed);
  }

  private renderOn(lane: SincNsfWorker, frames: number[][], seed: number): Promise<Float32Array> {
    const desc = packDescriptors(frames, this.width);
    return lane.request({ op: 'render', desc, t: frames.length, seed }, [desc.buffer as ArrayBuffer]);
  }

  /**
   * Progressive render into shared memory (see ModelRenderer.renderInto); a target that does not
   * fit rejects with NR_USAGE. With two lanes or more, the first is kept for first chunks: a
   * render's first chunk goes there and the rest, at the same time, to the least busy of the
   * others, so a gate's first chunk never waits for the long later chunk of an older render (a
   * model thread cannot leave a chunk half-way). The rest publishes its count only after the
   * first chunk's (see RenderPart).
   */
  async renderInto(frames: number[][], seed: number, target: RenderTarget): Promise<void> {
    const desc = packDescriptors(frames, this.width);
    const { from, to } = checkRenderTarget(target, frames.length, this.hop);
    const t = frames.length;
    const cancel = target.cancel ?? null;
    if (this.lanes.length < 2) {
      return this.onLane(0, { op: 'renderInto', desc, t, seed, audio: target.audio, ready: target.ready, cancel, part: { from, to } });
    }
    const other = this.idlestLane(1);
    if (this.firstLaneBusy() && this.running[other] === 0) {
      // The first lane is on another first chunk still wanted (a render's region while this is
      // its voice's part, say) and another lane is idle: the whole of this one goes there, so the
      // two first chunks run side by side. Behind a busy lane it would wait for the chunk that
      // lane is on (the rest of an older render: up to 32 frames and their context, 12-30 ms);
      // on the first lane it waits for first chunks only (about 5 ms each). (Behind a first chunk
      // that was cancelled, the first lane is the quickest too: a gate's hurried render waits at
      // most for that chunk.)
      return this.onLane(other, { op: 'renderInto', desc, t, seed, audio: target.audio, ready: target.ready, cancel, part: { from, to } });
    }
    const split = Math.min(to, from + DEFAULT_CHUNKS.firstFrames);
    const running = { cancel };
    this.firsts.add(running);
    const first = this.onLane(0, { op: 'renderInto', desc: desc.slice(), t, seed, audio: target.audio.subarray(0, (split - from) * this.hop), ready: target.ready, cancel, part: { from, to: split } })
      .finally(() => this.firsts.delete(running));
    const rest = split < to
      ? this.onLane(other, { op: 'renderInto', desc, t, seed, audio: target.audio.subarray((split - from) * this.hop), ready: target.ready, cancel, part: { from: split, to, readyBase: (split - from) * this.hop } })
      : Promise.resolve();
    await Promise.all([first, rest]);
  }

  private async onLane(lane: number, msg: Extract<WorkerRequest, { op: 'renderInto' }>): Promise<void> {
    this.running[lane]!++;
    this.rendersPerLane[lane]!++;
    try {
      await this.lanes[lane]!.request(msg, [msg.desc.buffer as ArrayBuffer]);
    } finally {
      this.running[lane]!--;
    }
  }

  /** Render lanes (model threads) this model has. */
  get laneCount(): number {
    return this.lanes.length;
  }

  /** Whether the first lane has a first chunk to write that is still wanted (not cancelled). */
  private firstLaneBusy(): boolean {
    for (const f of this.firsts) if (!f.cancel || Atomics.load(f.cancel, 0) === 0) return true;
    return false;
  }

  /** The lane from `first` on with the fewest progressive renders running. */
  private idlestLane(first = 0): number {
    let best = first;
    for (let i = first + 1; i < this.running.length; i++) if (this.running[i]! < this.running[best]!) best = i;
    return best;
  }

  /**
   * Runs the graph on packed inputs (copied to the worker). The result is a fresh array owned by the caller.
   * @internal used by parity tests
   */
  async run(desc: Float32Array, t: number, phase: Float32Array, harmonic: Float32Array, excitation: Float32Array): Promise<Float32Array> {
    return this.worker.request({ op: 'run', desc, t, phase, harmonic, excitation });
  }

  /** A streaming renderer for one note: push frames as they come, pull blocks of bounded latency. */
  stream(seed: number, options: StreamOptions = {}): ModelStream {
    return new ModelStream(this.worker, this.width, this.rightFrames, seed, options);
  }

  /** Says the model is loaded (checked and warm): its lanes render at the model's priority from now on. */
  async markLoaded(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.request({ op: 'loaded' })));
  }

  /**
   * Runs a short progressive render on each lane, the path the host's renders take, so the first
   * real one does not pay for allocation, kernel selection, its code's first runs and drawing the
   * randomness of the host's seed: at boot the first render's first chunk took 56-76 ms after a
   * warm-up through the offline path (`render`), which shares none of that.
   */
  async warmUp(frames = WARM_UP_FRAMES): Promise<void> {
    await Promise.all(this.lanes.map((lane) => this.warmUpLane(lane, frames)));
  }

  /**
   * Starts `count` more render lanes in the background. Each joins once it has loaded and run a
   * warm-up render, so no render waits for a lane that is still loading; until then the model
   * renders on the lanes it has (one lane: first chunks wait behind the rest of older renders).
   * The host's runtime loads with one lane and adds the others here: at boot every thread of the
   * host starts at once on two cores, and a second lane's start (a thread, ONNX Runtime, a session,
   * a warm-up) held the first render back by about 200 ms (they now load at `modelLoad`, after the
   * first render's first chunks). Resolves when they have joined, or failed (`laneFailures` says
   * why); a model disposed meanwhile ends them.
   */
  addLanes(count: number): Promise<void> {
    const adding = Promise.all(Array.from({ length: count }, async () => {
      try {
        // Lanes added later load while the module plays: after the audio and the control thread.
        const lane = await startModelWorker({ ...this.init, booting: false });
        if (this.disposed) return void (await lane.dispose());
        await this.warmUpLane(lane);
        await lane.request({ op: 'loaded' });
        if (this.disposed) return void (await lane.dispose());
        this.lanes.push(lane);
        this.running.push(0);
        this.rendersPerLane.push(0);
      } catch (err) {
        if (!this.disposed) this.laneFailures.push(err instanceof NeurorackError ? err : new NeurorackError('NR_MODEL_RENDER_FAILED', `a render lane did not start: ${String(err)}`, { file: this.init.file }));
      }
    })).then(() => undefined);
    this.adding = Promise.all([this.adding, adding]).then(() => undefined);
    return adding;
  }

  /** Resolves once lanes asked for by addLanes have joined or failed. */
  lanesAdded(): Promise<void> {
    return this.adding;
  }

  private async warmUpLane(lane: SincNsfWorker, frames = WARM_UP_FRAMES): Promise<void> {
    const row = this.manifest.normalisation.mean.slice(0, this.width);
    const desc = packDescriptors(Array.from({ length: frames }, () => row.slice()), this.width);
    const audio = new Float32Array(new SharedArrayBuffer(frames * this.hop * Float32Array.BYTES_PER_ELEMENT));
    const ready = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    await lane.request({ op: 'renderInto', desc, t: frames, seed: DEFAULT_RENDER_SEED, audio, ready, cancel: null, part: { from: 0, to: frames } }, [desc.buffer as ArrayBuffer]);
  }

  /** Ends the model's workers (and their sessions), lanes still being added included; later requests reject. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.lanes.map((lane) => lane.dispose()));
    await this.adding;
  }
}
