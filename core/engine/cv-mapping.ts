import type { DescriptorFrames } from './descriptor-frames';

/**
 * What a CV mapping sees each time its jack is evaluated. Volts are calibrated jack volts.
 */
export interface MappingContext {
  readonly volts: number;
  /** 0 at 0 V, 1 at the jack's top (5 V bipolar, 10 V unipolar); clamped. */
  readonly amount: number;
  /** -1 at the jack's bottom, 0 at 0 V, +1 at its top; clamped. */
  readonly bipolar: number;
  /** The jack's range in volts. */
  readonly range: { readonly min: number; readonly max: number };
  /** Entries A and B of the current bank (A is the "current impact"). */
  readonly entryA: DescriptorFrames;
  readonly entryB: DescriptorFrames;
  /** Recent jack volts, oldest first, sampled at `historyHz` (for mappings that read a CV's past). */
  readonly history: Float64Array;
  readonly historyHz: number;
  /** Seed of this jack's mapping (reproducible randomness). */
  readonly seed: number;
  /** The mapping's declared params, at their current values. */
  readonly params: Readonly<Record<string, number>>;
}

/** What a mapping changes: the curve, the playhead (0..1 through the render), and/or the latent. */
export interface MappingResult {
  readonly frames?: DescriptorFrames;
  readonly playhead?: number;
  /**
   * A move through the model's latent space, for models that have one (see ModelRenderer.setLatent):
   * element i is a distance along the model's i-th principal direction (the most varied first), in
   * standard deviations of its training latents. The moves of every mapping add up; a model without
   * a latent ignores them.
   */
  readonly latent?: readonly number[];
}

/**
 * A CV mapping as a `cv-mapping` plugin exports it under `provides[<offer id>]`.
 *
 * Obligations:
 * - `apply` is a pure function: the same frames and context give the same result; it never mutates
 *   its inputs, does no I/O and returns quickly (the host discards a result that took longer than
 *   its budget, and one holding NaN or infinities, keeping the mapping's last good result).
 * - `stage` orders mappings: 0 is a source (it replaces the curve, e.g. `interpolate`); higher
 *   stages shape the curve in increasing order; a mapping that only moves the playhead may use any.
 */
export interface CvMapping {
  readonly stage: number;
  apply(frames: DescriptorFrames, ctx: MappingContext): MappingResult;
}
