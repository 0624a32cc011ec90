import { NoiseStream } from './noise-stream';

/**
 * The first frames of a seed's randomness, drawn once per model thread and copied into every
 * stream that starts from that seed. Every render of the engine starts its randomness from the
 * same seed, so each first chunk used to draw the same numbers again: at 13 frames, 2.8 ms of
 * drawing against 5.6 ms in the graph, on the path between a gate and its sound. Copying them
 * gives the same samples (the generator is resumed where the prefix ends).
 */
export class NoisePrefix {
  /** Frames of randomness a prefix holds: the doubling chunks of a render up to 32 frames, with their lookahead. */
  static readonly FRAMES = 80;
  private static readonly cache = new Map<string, NoisePrefix>();
  private static readonly MAX_CACHED = 4;

  /** Initial phases (the stream's first draws). */
  readonly phase: Float32Array;
  /** Harmonic noise [samples, sines] and excitation [samples] of the first `samples` samples. */
  readonly harmonic: Float32Array;
  readonly excitation: Float32Array;
  /** The generator as it stands after the prefix (never drawn from: streams continue a copy). */
  private readonly end: NoiseStream;

  private constructor(seed: number, readonly sines: number, readonly samples: number) {
    const noise = new NoiseStream(seed);
    this.phase = new Float32Array(sines);
    noise.drawPhase(this.phase);
    this.harmonic = new Float32Array(samples * sines);
    this.excitation = new Float32Array(samples);
    noise.drawSamples(this.harmonic, 0, this.excitation, 0, samples, sines);
    this.end = noise;
  }

  /** The prefix of `seed` for `sines` sines and `samples` samples, drawn on first use (the last few kept). */
  static of(seed: number, sines: number, samples: number): NoisePrefix {
    const key = `${seed >>> 0}/${sines}/${samples}`;
    let prefix = NoisePrefix.cache.get(key);
    if (prefix) {
      NoisePrefix.cache.delete(key); // most recent last
    } else {
      prefix = new NoisePrefix(seed, sines, samples);
      if (NoisePrefix.cache.size >= NoisePrefix.MAX_CACHED) NoisePrefix.cache.delete(NoisePrefix.cache.keys().next().value!);
    }
    NoisePrefix.cache.set(key, prefix);
    return prefix;
  }

  /**
   * Copies the randomness of samples [from, from + count) that lies in the prefix into
   * harmonic (at hOffset) and excitation (at eOffset); returns how many samples it copied.
   */
  copyInto(harmonic: Float32Array, hOffset: number, excitation: Float32Array, eOffset: number, from: number, count: number): number {
    const n = Math.max(0, Math.min(count, this.samples - from));
    if (n === 0) return 0;
    harmonic.set(this.harmonic.subarray(from * this.sines, (from + n) * this.sines), hOffset);
    excitation.set(this.excitation.subarray(from, from + n), eOffset);
    return n;
  }

  /** A generator that draws the samples after the prefix. */
  continuation(): NoiseStream {
    return NoiseStream.continuing(this.end);
  }
}
