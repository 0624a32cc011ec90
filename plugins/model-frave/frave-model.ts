import { join } from 'node:path';
import {
  checkRenderTarget, compareToGolden, DEFAULT_RENDER_SEED, InputRangeMonitor, ModelWorkerClient, NeurorackError, packDescriptors, readVerifiedFile, readVerifiedFiles,
  type LoadedModel, type ModelInputReport, type RenderTarget, type SchemaRegistry, type TimbreInfo,
} from 'neurorack/sdk';
import { fraveSizes, readFraveManifest, type FraveManifest, type FraveSizes } from './frave-manifest';
import { parseGolden } from './golden';
import { addToFrames, latentOffset } from './latent-move';
import { latentFrames, loadTimbres, type TimbreSet } from './timbres';
import type { WorkerInit, WorkerRequest, WorkerResults } from './worker-protocol';

/** The compiled worker next to this file. */
export const FRAVE_WORKER_FILE = join(__dirname, 'frave-worker.js');

type FraveWorker = ModelWorkerClient<WorkerRequest, WorkerResults>;

/** Options for loading a FRAVE folder. */
export interface FraveLoadOptions {
  readonly intraOpThreads?: number;
  readonly schemas?: SchemaRegistry;
  /** Replay the golden vector before handing the model out (default true). */
  readonly checkGolden?: boolean;
  /** The host is booting: the model thread loads ahead of the control thread (ModelLoadOptions.booting). */
  readonly booting?: boolean;
}

/**
 * A loaded FRAVE model folder (LoadedModel). Its decoder and encoder sessions live in one worker
 * thread; this object checks and packs requests and posts them, so a render never blocks the
 * caller's event loop. Beyond ModelRenderer's obligations:
 * - the latent of frame t is the selected timbre's row t, held at its last row past its end, moved
 *   by the position `setLatent` was last given (along the manifest's principal directions);
 * - `renderInto` with `target.from = f` continues the state a recent render left nearest before f
 *   on the timeline (`target.origin` + frame, at most L frames back: StateTrail), else decodes the
 *   context [max(0, f - L), f) from zero state, then writes a first chunk of the engine's lead
 *   (LEAD_FRAMES, in whole `block_frames`), then chunks doubling up to 16 frames, each published
 *   in `ready`, stopping at `cancel`: from zero state, or from a render of the same curve, the
 *   same samples as `render` within 1e-5 (L is the effective receptive field), its noise drawn by
 *   timeline frame (`target.origin` + frame: at origin 0, `render`'s own);
 * - descriptors outside the training range are clamped by the graph and counted (`inputReport`);
 *   a non-finite state is reset to zeros in the worker and counted there too;
 * - one worker, so `renderLanes` is not used: a call costs ~1 ms a frame, and a 16-frame chunk
 *   (4 ms) is the longest a new render's first chunk waits behind.
 */
export class FraveModel implements LoadedModel {
  readonly id: string;
  readonly sampleRate: number;
  readonly hop: number;
  readonly lookaheadFrames = 0;
  private timbreSet: TimbreSet;
  private selected: string;
  private readonly range: InputRangeMonitor;
  private resets = 0;
  private offset: Float32Array | undefined;

  private constructor(readonly manifest: FraveManifest, readonly dir: string, readonly sizes: FraveSizes, private readonly worker: FraveWorker, timbres: TimbreSet) {
    this.id = manifest.id;
    this.sampleRate = sizes.sampleRate;
    this.hop = sizes.hop;
    this.timbreSet = timbres;
    this.selected = timbres.infos[0]!.name;
    this.range = new InputRangeMonitor(manifest.descriptors);
  }

  /** Loads and verifies (schema, state pairs, sha256, graph I/O, timbres, golden vector) a folder; resolves with a ready model. */
  static async load(dir: string, options: FraveLoadOptions = {}, workerFile = FRAVE_WORKER_FILE): Promise<FraveModel> {
    const manifest = readFraveManifest(dir, options.schemas);
    const sizes = fraveSizes(manifest, join(dir, 'manifest.json'));
    const files = readVerifiedFiles(dir, manifest);
    const timbres = loadTimbres(dir, manifest, files);
    const decoderEntry = manifest.files.find((f) => (f.role ?? 'onnx') === 'onnx');
    if (!decoderEntry) throw new NeurorackError('NR_SCHEMA_INVALID', 'expected one file with role "onnx" (the decoder)', { file: join(dir, 'manifest.json'), pointer: '/files' });
    const encoderPath = manifest.encoder?.file;
    if (encoderPath && !files.has(encoderPath)) throw new NeurorackError('NR_SCHEMA_INVALID', `expected encoder.file ${encoderPath} to be listed in files`, { file: join(dir, 'manifest.json'), pointer: '/encoder/file' });
    const init: WorkerInit = {
      decoder: files.get(decoderEntry.path)!, decoderFile: join(dir, decoderEntry.path),
      encoder: encoderPath ? files.get(encoderPath) : undefined, encoderFile: encoderPath ? join(dir, encoderPath) : undefined,
      manifest, intraOpThreads: options.intraOpThreads, booting: options.booting,
    };
    const worker = await ModelWorkerClient.start<WorkerRequest, WorkerResults>({ file: workerFile, init: { op: 'init', init }, modelFile: init.decoderFile });
    const model = new FraveModel(manifest, dir, sizes, worker, timbres);
    try {
      if (options.checkGolden !== false) await model.checkGolden(files);
    } catch (err) {
      await model.dispose();
      throw err;
    }
    return model;
  }

  /** The descriptor names of one frame, in the manifest's order (DESCRIPTOR_ORDER). */
  get descriptorNames(): readonly string[] {
    return this.manifest.descriptors.map((d) => d.name);
  }

  /** The training means: what warm-ups and benchmarks render. */
  get neutralFrame(): readonly number[] {
    return this.manifest.normalisation.mean.slice(0, this.sizes.width);
  }

  get timbres(): readonly TimbreInfo[] {
    return this.timbreSet.infos;
  }

  get timbre(): string {
    return this.selected;
  }

  /** User timbre files that were left out at load (or the last reload), each with its error. */
  get refusedTimbres(): readonly NeurorackError[] {
    return this.timbreSet.refused;
  }

  selectTimbre(name: string): void {
    if (!this.timbreSet.latents.has(name)) {
      throw new NeurorackError('NR_TIMBRE_NOT_FOUND', `expected one of the timbres of ${this.id}: ${this.timbreSet.infos.map((t) => t.name).join(', ')}; found "${name}"`, { pointer: '/timbre' });
    }
    this.selected = name;
  }

  reloadTimbres(): void {
    const files = new Map<string, Buffer>();
    this.manifest.files.forEach((f, i) => { if (f.role === 'timbre') files.set(f.path, readVerifiedFile(this.dir, f, i)); });
    this.timbreSet = loadTimbres(this.dir, this.manifest, files);
    if (!this.timbreSet.latents.has(this.selected)) this.selected = this.timbreSet.infos[0]!.name;
  }

  inputReport(): ModelInputReport {
    return this.range.report(this.resets);
  }

  /** Later renders play the latent moved `position[i]` deviations along the i-th principal direction (ModelRenderer.setLatent). */
  setLatent(position: readonly number[]): void {
    const offset = latentOffset(position, this.manifest.latent);
    this.offset = offset.some((v) => v !== 0) ? offset : undefined;
  }

  /** Whole render: the curve decoded in calls carrying state, with the selected timbre. */
  async render(frames: number[][], seed: number): Promise<Float32Array> {
    const curve = this.curve(frames, seed, 0, frames.length);
    const r = await this.worker.request({ op: 'render', ...curve }, [curve.desc.buffer as ArrayBuffer, curve.latent.buffer as ArrayBuffer]);
    this.resets = r.resets;
    return r.audio;
  }

  /** Progressive render into shared memory (see the class comment); a target that does not fit rejects with NR_USAGE. */
  async renderInto(frames: number[][], seed: number, target: RenderTarget): Promise<void> {
    const { from, to, origin, firstFrames } = checkRenderTarget(target, frames.length, this.hop);
    const curve = this.curve(frames, seed, from, to);
    const urgent = target.urgent === true;
    // A voice waits for this one's first chunk: the worker, resting at the model's priority, is
    // raised before it is told, so it wakes for it ahead of the main thread.
    const r = await this.worker.request(
      { op: 'renderInto', ...curve, origin, audio: target.audio, ready: target.ready, cancel: target.cancel ?? null, played: target.played ?? null, from, to, urgent, firstFrames },
      [curve.desc.buffer as ArrayBuffer, curve.latent.buffer as ArrayBuffer],
      urgent ? 'urgentChunk' : undefined,
    );
    this.resets = r.resets;
  }

  /** The latent trajectory ([frames][dim]) of mono audio at the model rate, through the encoder graph. */
  async encodeTimbre(audio: Float32Array): Promise<number[][]> {
    if (!this.manifest.encoder) throw new NeurorackError('NR_TIMBRE_UNSUPPORTED', `model ${this.id} has no encoder graph`, { file: join(this.dir, 'manifest.json'), pointer: '/encoder' });
    const copy = audio.slice();
    const flat = await this.worker.request({ op: 'encode', audio: copy }, [copy.buffer as ArrayBuffer]);
    const dim = this.sizes.dim;
    return Array.from({ length: flat.length / dim }, (_, t) => Array.from(flat.subarray(t * dim, (t + 1) * dim)));
  }

  /** Says the model is loaded (checked and warm): its thread renders at the model's priority from now on. */
  async markLoaded(): Promise<void> {
    await this.worker.request({ op: 'loaded' });
  }

  /**
   * Renders a few frames through the path the host's renders take (a progressive render, the
   * host's seed), so the first real render does not pay for allocation, its shapes or its code's
   * first runs.
   */
  async warmUp(frames = 8): Promise<void> {
    const audio = new Float32Array(new SharedArrayBuffer(frames * this.hop * Float32Array.BYTES_PER_ELEMENT));
    const ready = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    await this.renderInto(Array.from({ length: frames }, () => [...this.neutralFrame]), DEFAULT_RENDER_SEED, { audio, ready });
  }

  async dispose(): Promise<void> {
    await this.worker.dispose();
  }

  /** The worker's thread id (-1 when it is not running). */
  get threadId(): number {
    return this.worker.threadId;
  }

  /** Checked, packed descriptors and the selected timbre's latent for the curve; frames [from, to) are what is asked (and counted). */
  private curve(frames: number[][], seed: number, from: number, to: number): { desc: Float32Array; latent: Float32Array; t: number; seed: number } {
    const desc = packDescriptors(frames, this.sizes.width);
    if (!Number.isInteger(seed)) throw new NeurorackError('NR_USAGE', `expected an integer seed, found ${seed}`, { pointer: '/seed' });
    this.range.observe(frames, from, to);
    const latent = latentFrames(this.timbreSet.latents.get(this.selected)!, frames.length, this.sizes.dim);
    if (this.offset) addToFrames(latent, this.offset);
    return { desc, latent, t: frames.length, seed };
  }

  /** Replays golden.json in the calls it lists (and the encoder's golden pair when present) within golden.tolerance. */
  private async checkGolden(files: ReadonlyMap<string, Buffer>): Promise<void> {
    const { golden } = this.manifest;
    const file = join(this.dir, golden.file);
    const bytes = files.get(golden.file);
    if (!bytes) throw new NeurorackError('NR_SCHEMA_INVALID', `golden.file ${golden.file} is not listed in files`, { file: join(this.dir, 'manifest.json'), pointer: '/golden/file' });
    const g = parseGolden(bytes, file);
    const desc = Float32Array.from(g.descriptors.flat());
    const latent = Float32Array.from(g.latent.flat());
    const noise = Float32Array.from(g.noise.flat());
    const audio = await this.worker.request({ op: 'decodeCalls', desc, latent, noise, calls: golden.calls ?? g.calls }, [desc.buffer, latent.buffer, noise.buffer]);
    compareToGolden(audio, g.audio, golden.tolerance, file, '/audio');
    if (g.encoder && this.manifest.encoder) {
      const got = await this.encodeTimbre(Float32Array.from(g.encoder.audio));
      compareToGolden(Float32Array.from(got.flat()), g.encoder.latent.flat(), golden.tolerance, file, '/encoder/latent');
    }
  }
}
