/**
 * Running sums of x^2 over a mono signal, so the mean power of any span costs two lookups
 * (a 20 s recording is scanned thousands of times by the onset search).
 */
export class EnergyEnvelope {
  private readonly sums: Float64Array;

  constructor(readonly x: Float32Array, readonly sampleRate: number) {
    this.sums = new Float64Array(x.length + 1);
    for (let i = 0; i < x.length; i++) this.sums[i + 1] = this.sums[i]! + x[i]! * x[i]!;
  }

  get length(): number {
    return this.x.length;
  }

  /** Mean power over samples [from, to) (clipped to the signal; 0 when empty). */
  power(from: number, to: number): number {
    const a = Math.max(0, Math.min(this.x.length, Math.floor(from)));
    const b = Math.max(a, Math.min(this.x.length, Math.floor(to)));
    return b > a ? (this.sums[b]! - this.sums[a]!) / (b - a) : 0;
  }

  /** Samples in `ms` milliseconds. */
  samples(ms: number): number {
    return Math.round((ms * this.sampleRate) / 1000);
  }
}

export function db(ratio: number): number {
  return 10 * Math.log10(ratio);
}
