import { join } from 'node:path';
import { checkRenderTarget, DEFAULT_RENDER_SEED, NeurorackError, packDescriptors, readVerifiedFiles, type LoadedModel, type ModelManifest, type ModelRestRole, type RenderTarget, type SchemaRegistry } from 'neurorack/sdk';
import { modelSizes, SizedModel, type GraphRunner } from './graph-runner';
import { readModelManifest } from './model-manifest';
import { ModelStream } from './model-stream';
import { startModelWorker, type SincNsfWorker } from './model-worker-client';
import type { SessionOptions } from './session';
import { checkGolden } from './golden';
import type { StreamOptions } from './stream-renderer';
import { DEFAULT_CHUNKS, SOUNDING_CHUNKS } from './progressive-render';
import { RenderLanes } from './render-lanes';
import type { WorkerInit, WorkerRequest } from './worker-protocol';

/** Options for loading a model folder. */
export interface LoadOptions extends SessionOptions {
  /** The host's schema registry (one Ajv for the host); a fresh one when absent. */
  readonly schemas?: SchemaRegistry;
  /** Replay the golden vector before handing the model out (default true). */
  readonly checkGolden?: boolean;
  /**
   * Model threads that progressive renders share (default 1; the rack's default 2, the virtual,
   * rpi5 and jetson-nano-v1 profiles 3). A model thread cannot leave a chunk half-way, so with one
   * thread a new render's first chunk waits for the chunk an older, now stale, render is on; with
   * two or more the first is kept for first chunks, and with three or more the last for urgent
   * ones (see renderInto).
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
 * (and streams and graph runs), the others the rest of them and offline renders; with three or
 * more, the last is kept for urgent first chunks (see renderInto).
 */
export class SincNsfModel extends SizedModel implements LoadedModel, GraphRunner {
  readonly id: string;

  private readonly worker: SincNsfWorker;
  /** Progressive render requests each lane holds (lane 0 is `worker`). */
  private readonly laneJobs: RenderLanes;
  /** Progressive renders each lane has been given. */
  readonly rendersPerLane: number[];
  /** Lanes being added (see addLanes), settled when they have joined or failed. */
  private adding: Promise<void> = Promise.resolve();
  private disposed = false;
  /** Where each lane was last told to rest (see assignRests); a lane rests at `model` once loaded. */
  private readonly rests: ModelRestRole[];
  /** Why lanes asked for by addLanes did not join (the model renders on the lanes it has). */
  readonly laneFailures: NeurorackError[] = [];

  constructor(readonly manifest: ModelManifest, readonly dir: string, private readonly lanes: SincNsfWorker[], private readonly init: WorkerInit) {
    super(modelSizes(manifest));
    this.worker = lanes[0]!;
    this.laneJobs = new RenderLanes(lanes.length);
    this.rendersPerLane = lanes.map(() => 0);
    this.rests = lanes.map(() => 'model');
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
    return this.renderOn(this.lanes[this.lastRestLane()]!, frames, seed);
  }

  private renderOn(lane: SincNsfWorker, frames: number[][], seed: number): Promise<Float32Array> {
    const desc = packDescriptors(frames, this.width);
    return lane.request({ op: 'render', desc, t: frames.length, seed }, [desc.buffer as ArrayBuffer]);
  }

  /**
   * Progressive render into shared memory (see ModelRenderer.renderInto); a target that does not
   * fit rejects with NR_USAGE. With two lanes or more, the first is kept for first chunks: a
   * render's first chunk goes there and the rest, at the same time, to another lane, so a gate's
   * first chunk never waits for the long later chunk of an older render (a model thread cannot
   * leave a chunk half-way). The rest publishes its count only after the first chunk's (see
   * RenderPart). A render asked for while the first lane holds other work (a first chunk still
   * wanted, or a cancelled one it may still be computing) goes whole to another lane if one is
   * free (RenderLanes), so the two first chunks run side by side; otherwise its first chunk queues
   * on the first lane, behind first chunks only. With three lanes or more, the last is kept for
   * urgent first chunks (RenderTarget.urgent: a stepped gate's voice waits for it) that find the
   * first lane holding other work. There such a chunk waited behind whatever was running: a
   * cancelled render's chunk, or a voice's part, whose first chunk carries the model's left
   * context (19 frames of window for 2 of sound, 10 to 35 ms under four LFOs): 6 to 27 ms for the
   * render (bench:patches, lfo).
   */
  async renderInto(frames: number[][], seed: number, target: RenderTarget): Promise<void> {
    const desc = packDescriptors(frames, this.width);
    const { from, to, firstFrames } = checkRenderTarget(target, frames.length, this.hop);
    const t = frames.length;
    const cancel = target.cancel ?? null;
    const urgent = target.urgent === true;
    const sounding = target.sounding === true;
    const plan = sounding ? SOUNDING_CHUNKS : DEFAULT_CHUNKS;
    // A first chunk asked longer (a loop grain's) is that long; the rest goes on in the plan's
    // chunks, not twice the asked one (a newer render usually stops it after its first pull).
    const firstPlan = firstFrames > plan.firstFrames ? { ...plan, firstFrames } : plan;
    const whole = { op: 'renderInto', desc, t, seed, audio: target.audio, ready: target.ready, cancel, played: target.played ?? null, part: { from, to }, urgent, plan: firstPlan } as const;
    if (this.lanes.length < 2) return this.onLane(0, whole);
    const other = this.laneJobs.pick(1, this.lastRestLane());
    const firstLane = this.firstChunkLane(urgent);
    if (firstLane === 0 && !this.laneJobs.free(0) && this.laneJobs.free(other)) return this.onLane(other, whole);
    const split = Math.min(to, from + firstPlan.firstFrames);
    const first = this.onLane(firstLane, { ...whole, desc: desc.slice(), audio: target.audio.subarray(0, (split - from) * this.hop), part: { from, to: split } });
    const readyBase = (split - from) * this.hop;
    const rest = split < to ? this.onLane(other, { ...whole, audio: target.audio.subarray(readyBase), part: { from: split, to, readyBase }, urgent: false, plan }) : Promise.resolve();
    await Promise.all([first, rest]);
  }

  private async onLane(lane: number, msg: Extract<WorkerRequest, { op: 'renderInto' }>): Promise<void> {
    this.rendersPerLane[lane]!++;
    const job = { ready: msg.ready, readyBase: msg.part?.readyBase ?? 0 };
    // An urgent first chunk raises its lane before telling it (see FraveModel.renderInto).
    await this.laneJobs.track(lane, job, this.lanes[lane]!.request(msg, [msg.desc.buffer as ArrayBuffer], msg.urgent === true ? 'urgentChunk' : undefined));
  }

  /**
   * Where a render's first chunk goes: the first lane, unless it holds other work and the chunk is
   * urgent. An urgent chunk takes the first lane when that is free (its session is the one warm
   * from every other first chunk: on the kept lane, idle between gates, a quiet patch's gate
   * chunks took about a millisecond longer), else the lane kept for it. A sounding voice's part
   * (RenderTarget.sounding) was tried on the kept lane when the others held work: its voice heard
   * the new CVs no sooner (its chunk took 12.6 ms there at p50, against 7.7 alone: the region's
   * first chunk and the older render's ran beside it on two cores), and stepped gates whose
   * urgent chunk then found the kept lane busy came later (bench:patches sequencer, p99 22-48 ms
   * against 18-29).
   */
  private firstChunkLane(urgent: boolean): number {
    const kept = this.urgentLane();
    return urgent && kept > 0 && !this.laneJobs.free(0) ? kept : 0;
  }

  /** The lane kept for urgent first chunks (RenderTarget.urgent): the last of three or more; -1 with fewer. */
  private urgentLane(): number {
    return this.lanes.length >= 3 ? this.lanes.length - 1 : -1;
  }

  /** The last lane that takes the rest of renders (and offline renders). */
  private lastRestLane(): number {
    return this.lanes.length >= 3 ? this.lanes.length - 2 : this.lanes.length - 1;
  }

  /** Render lanes (model threads) this model has. */
  get laneCount(): number {
    return this.lanes.length;
  }

  /**
   * Runs the graph on packed inputs (copied to the worker). The result is a fresh array owned by the caller.
   * @internal used by parity tests
   */
  async run(desc: Float32Array, t: number, phase: Float32Array, harmonic: Float32Array, excitation: Float32Array, sampleStart = 0): Promise<Float32Array> {
    return this.lanes[this.lastRestLane()]!.request({ op: 'run', desc, t, phase, harmonic, excitation, sampleStart });
  }

  /**
   * A streaming renderer for one note: push frames as they come, pull blocks of bounded latency.
   * On a lane that writes the rest of renders (the first may rest at a first chunk's priority).
   */
  stream(seed: number, options: StreamOptions = {}): ModelStream {
    return new ModelStream(this.lanes[this.lastRestLane()]!, this.width, this.rightFrames, seed, options);
  }

  /** Says the model is loaded (checked and warm): its lanes render at the model's priority from now on. */
  async markLoaded(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.request({ op: 'loaded' })));
    await this.assignRests();
  }

  /**
   * Where each lane rests (ModelThreadPriority.restAt), told again whenever lanes join: with two
   * lanes or more the first writes only first chunks and rests at their priority, and the lane
   * kept for urgent chunks at theirs, so each wakes for its next chunk ahead of the main thread;
   * the lanes that write the rest of renders (and a single lane, which writes everything) rest at
   * the model's priority.
   */
  private async assignRests(): Promise<void> {
    await Promise.all(this.lanes.map((lane, i) => {
      const role = this.restRole(i);
      if (this.rests[i] === role) return undefined;
      this.rests[i] = role;
      return lane.request({ op: 'restAt', role });
    }));
  }

  private restRole(lane: number): ModelRestRole {
    if (this.lanes.length < 2) return 'model';
    if (lane === 0) return 'firstChunk';
    return lane === this.urgentLane() ? 'urgentChunk' : 'model';
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
        this.laneJobs.add();
        this.rendersPerLane.push(0);
        this.rests.push('model');
        await this.assignRests();
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
