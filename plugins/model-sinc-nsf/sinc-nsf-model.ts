import * as ort from 'onnxruntime-node';
import { join } from 'node:path';
import { NeurorackError } from '../../core/errors/neurorack-error';
import type { SchemaRegistry } from '../../core/schemas/schema-registry';
import type { ModelRenderer } from '../../core/engine/model-renderer';
import { packDescriptors } from './descriptor-input';
import { readVerifiedFiles } from './file-integrity';
import { contractSizes, readModelManifest, type ModelManifest } from './model-manifest';
import { NoiseStream } from './noise-stream';
import { createSession, type SessionOptions } from './session';
import { checkGolden } from './golden';
import { StreamRenderer, type StreamOptions } from './stream-renderer';

/** Options for loading a model folder. */
export interface LoadOptions extends SessionOptions {
  /** The host's schema registry (one Ajv for the host); a fresh one when absent. */
  readonly schemas?: SchemaRegistry;
  /** Replay the golden vector before handing the model out (default true). */
  readonly checkGolden?: boolean;
}

/**
 * A loaded sinc-NSF model folder. Obligations (ModelRenderer): `render(frames, seed)` resolves with
 * frames.length * hop samples, the same for the same frames and seed; bad frames reject with
 * NR_MODEL_DESCRIPTORS_INVALID and leave the model usable.
 */
export class SincNsfModel implements ModelRenderer {
  readonly id: string;
  readonly sampleRate: number;
  readonly hop: number;
  readonly width: number;
  readonly sines: number;
  /** Frames of left context / lookahead a streaming window needs (from the manifest's receptive field). */
  readonly leftFrames: number;
  readonly rightFrames: number;

  constructor(readonly manifest: ModelManifest, readonly dir: string, private readonly session: ort.InferenceSession) {
    this.id = manifest.id;
    this.sampleRate = manifest.sample_rate;
    this.hop = manifest.hop_length;
    ({ width: this.width, sines: this.sines } = contractSizes(manifest));
    this.leftFrames = manifest.onnx.receptive_field?.left_frames ?? 32;
    this.rightFrames = manifest.onnx.receptive_field?.right_frames ?? 8;
  }

  /** Loads, verifies (schema, sha256, runtime I/O, golden vector) and returns a ready model. */
  static async load(dir: string, options: LoadOptions = {}): Promise<SincNsfModel> {
    const manifest = readModelManifest(dir, options.schemas);
    const files = readVerifiedFiles(dir, manifest);
    const onnxFile = manifest.files.find((f) => (f.role ?? 'onnx') === 'onnx')!;
    const session = await createSession(files.get(onnxFile.path)!, manifest, join(dir, onnxFile.path), options);
    const model = new SincNsfModel(manifest, dir, session);
    if (options.checkGolden !== false) {
      const golden = files.get(manifest.golden.file);
      if (!golden) throw new NeurorackError('NR_SCHEMA_INVALID', `golden.file ${manifest.golden.file} is not listed in files`, { file: join(dir, 'manifest.json'), pointer: '/golden/file' });
      await checkGolden(model, golden, manifest.golden.tolerance, join(dir, manifest.golden.file));
    }
    return model;
  }

  /** Offline render: descriptors [T][width] (raw, f0 last) and a seed to T*hop samples. */
  async render(frames: number[][], seed: number): Promise<Float32Array> {
    const desc = packDescriptors(frames, this.width);
    const t = frames.length;
    const n = t * this.hop;
    const noise = new NoiseStream(seed);
    const phase = new Float32Array(this.sines);
    noise.drawPhase(phase);
    const harmonic = new Float32Array(n * this.sines);
    const excitation = new Float32Array(n);
    noise.drawSamples(harmonic, 0, excitation, 0, n, this.sines);
    return this.run(desc, t, phase, harmonic, excitation);
  }

  /**
   * Runs the graph on packed inputs (views are fine). The result is a fresh array owned by the caller.
   * @internal used by the streaming renderer and the golden check
   */
  async run(desc: Float32Array, t: number, phase: Float32Array, harmonic: Float32Array, excitation: Float32Array): Promise<Float32Array> {
    const n = t * this.hop;
    let out: ort.InferenceSession.ReturnType;
    try {
      out = await this.session.run({
        descriptors: new ort.Tensor('float32', desc, [1, t, this.width]),
        harmonic_phase: new ort.Tensor('float32', phase, [1, this.sines]),
        harmonic_noise: new ort.Tensor('float32', harmonic, [1, n, this.sines]),
        noise_excitation: new ort.Tensor('float32', excitation, [1, n, 1]),
      });
    } catch (err) {
      throw new NeurorackError('NR_MODEL_RENDER_FAILED', `onnxruntime failed: ${(err as Error).message.split('\n')[0]}`, { file: this.dir }, { cause: err });
    }
    const audio = out['audio']!.data as Float32Array;
    if (audio.length !== n) throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected ${n} output samples, the model gave ${audio.length}`, { file: this.dir });
    return audio;
  }

  /** A streaming renderer for one note: push frames as they come, pull blocks of bounded latency. */
  stream(seed: number, options: StreamOptions = {}): StreamRenderer {
    return new StreamRenderer(this, seed, options);
  }

  /** Runs a short render so the first real one does not pay for allocation and kernel selection. */
  async warmUp(frames = 8): Promise<void> {
    const row = this.manifest.normalisation.mean.slice(0, this.width);
    await this.render(Array.from({ length: frames }, () => row.slice()), 0);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
