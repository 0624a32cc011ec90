/**
 * The decoder's noise input as a pure function of (seed, band, band-rate sample index): a
 * counter-based generator, so a render that starts at a later frame (a part of a render, the
 * context before it) draws exactly the numbers the whole render drew there. Each value hashes its
 * coordinates into two uniforms (a 32-bit integer mixer, Chris Wellons' lowbias32) and turns them
 * into a standard normal by Box-Muller.
 */
export class BandNoise {
  private readonly key: number;

  constructor(seed: number) {
    this.key = mix((seed >>> 0) ^ 0x5bd1e995);
  }

  /** The standard normal at band `band`, band-rate sample `index`. */
  at(band: number, index: number): number {
    const h = mix(this.key ^ mix(((band + 1) * 0x9e3779b9) ^ mix(index >>> 0) ^ Math.floor(index / 4294967296)));
    const u1 = (mix(h ^ 0x68e31da4) + 1) / 4294967297; // (0, 1): the log never sees 0
    const u2 = mix(h ^ 0xb5297a4d) / 4294967296;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Fills `out` ([bands][count], band-major: the graph's [1, bands, T*hop/bands]) with the values
   * of band-rate samples [first, first + count) of every band.
   */
  fill(out: Float32Array, bands: number, first: number, count: number): Float32Array {
    for (let b = 0; b < bands; b++) {
      const row = b * count;
      for (let q = 0; q < count; q++) out[row + q] = this.at(b, first + q);
    }
    return out;
  }
}

/** lowbias32: a full-avalanche 32-bit integer hash. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}
