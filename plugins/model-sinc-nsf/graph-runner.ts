import { streamingField, type ModelManifest } from 'neurorack/sdk';
import { contractSizes } from './model-manifest';

/** The sizes of a sinc-NSF model that renders and streaming windows are laid out by. */
export interface ModelSizes {
  readonly sampleRate: number;
  readonly hop: number;
  /** Descriptor values per frame (f0 last). */
  readonly width: number;
  /** Sines of the harmonic source (the harmonic_phase length). */
  readonly sines: number;
  /** Frames of left context / lookahead a window needs (the graph's receptive field). */
  readonly leftFrames: number;
  readonly rightFrames: number;
  /**
   * A graph whose filters run on a narrower window than its conditioning (the manifest's
   * `receptive_field.sample_window`): the frames of context they need around a block, and the
   * input that says where their window starts. Undefined: samples cover the whole window.
   */
  readonly sampleWindow: SampleWindow | undefined;
  /** The training mean of each descriptor: what silent frames before any sounding one are conditioned on (core/descriptors/silent-frames.ts). */
  readonly neutral: readonly number[];
}

export interface SampleWindow {
  readonly input: string;
  readonly left: number;
  readonly right: number;
}

/** The sizes as plain fields, for the classes that implement ModelSizes (one place lists them). */
export abstract class SizedModel implements ModelSizes {
  readonly sampleRate: number;
  readonly hop: number;
  readonly width: number;
  readonly sines: number;
  readonly leftFrames: number;
  readonly rightFrames: number;
  readonly sampleWindow: SampleWindow | undefined;
  readonly neutral: readonly number[];

  protected constructor(sizes: ModelSizes) {
    ({ sampleRate: this.sampleRate, hop: this.hop, width: this.width, sines: this.sines, leftFrames: this.leftFrames, rightFrames: this.rightFrames, sampleWindow: this.sampleWindow, neutral: this.neutral } = sizes);
  }
}

/**
 * One run of the graph on packed inputs: `t` descriptor frames; the randomness (`harmonic`,
 * `excitation`) and the audio cover frames [sampleStart, sampleStart + excitation.length / hop)
 * of them, which must be all of them (sampleStart 0) unless the model has a `sampleWindow`.
 * Obligations: resolves with a fresh array of those samples that the caller owns; inputs may be
 * views and are not kept after the promise settles; a runtime failure rejects with
 * NR_MODEL_RENDER_FAILED.
 */
export interface GraphRunner extends ModelSizes {
  run(desc: Float32Array, t: number, phase: Float32Array, harmonic: Float32Array, excitation: Float32Array, sampleStart?: number): Promise<Float32Array>;
}

/** The manifest's sample window (its measured effective frames when stated), never wider than the field. */
function sampleWindowOf(manifest: ModelManifest, field: { left: number; right: number }): SampleWindow | undefined {
  const w = manifest.onnx.receptive_field?.sample_window;
  if (!w) return undefined;
  return { input: w.input, left: Math.min(field.left, w.effective?.left_frames ?? w.left_frames), right: Math.min(field.right, w.effective?.right_frames ?? w.right_frames) };
}

/**
 * The sizes a manifest declares. The streaming context is the measured effective receptive field
 * when the manifest states one (its tolerance is within the streaming parity of 1e-4), else the
 * structural one (defaults: 32 frames left, 8 right).
 */
export function modelSizes(manifest: ModelManifest): ModelSizes {
  const { width, sines } = contractSizes(manifest);
  const field = streamingField(manifest.onnx.receptive_field, { left: 32, right: 8 });
  return {
    sampleRate: manifest.sample_rate,
    hop: manifest.hop_length,
    width,
    sines,
    leftFrames: field.left,
    rightFrames: field.right,
    sampleWindow: sampleWindowOf(manifest, field),
    neutral: manifest.normalisation.mean.slice(0, width),
  };
}
