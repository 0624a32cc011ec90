/**
 * The last stage before the DAC: a peak limiter with instant attack and smooth release, then a
 * hard clamp, so no sample ever leaves beyond full scale (and NaN or infinities become silence).
 * Realtime-safe: `process` allocates nothing.
 */
export class SafetyLimiter {
  private gain = 1;
  private readonly release: number;

  /**
   * @param ceiling level the limiter aims for (below 1.0 so the clamp rarely acts)
   * @param releaseMs time for the gain to recover most of the way to unity
   */
  constructor(private readonly ceiling = 0.98, releaseMs = 50, sampleRate = 22050) {
    this.release = 1 - Math.exp(-1 / ((releaseMs / 1000) * sampleRate));
  }

  /** Limits `buf` in place. */
  process(buf: Float32Array): void {
    const ceiling = this.ceiling;
    let gain = this.gain;
    for (let i = 0; i < buf.length; i++) {
      let x = buf[i]!;
      if (!(x - x === 0)) x = 0; // NaN or +-Infinity
      const a = x < 0 ? -x : x;
      if (a * gain > ceiling) gain = ceiling / a;
      else gain += (1 - gain) * this.release;
      let y = x * gain;
      if (y > 1) y = 1;
      else if (y < -1) y = -1;
      buf[i] = y;
    }
    this.gain = gain;
  }

  /** The current gain reduction (1: none). */
  get currentGain(): number {
    return this.gain;
  }
}
