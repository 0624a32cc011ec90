/**
 * Follows each sine's phase over whole frames the way the graph does (increment per sample
 * (f0*h/sr) mod 1 in float32, accumulated in float64), so a window that starts at frame w gets
 * the initial phases an offline render would have reached there.
 */
export class PhaseTracker {
  private readonly acc: Float64Array;

  constructor(private readonly sines: number, private readonly sampleRate: number, private readonly hop: number, initial: Float32Array) {
    this.acc = Float64Array.from(initial);
  }

  /** Advances by one frame of f0 (Hz, as the model sees it in float32). */
  advance(f0: number): void {
    const f = Math.fround(f0);
    for (let s = 0; s < this.sines; s++) {
      const q = Math.fround(Math.fround(f * (s + 1)) / this.sampleRate);
      const next = this.acc[s]! + (q - Math.floor(q)) * this.hop;
      this.acc[s] = next - Math.floor(next);
    }
  }

  /** The current phases as the model's harmonic_phase input. */
  write(out: Float32Array): void {
    for (let s = 0; s < this.sines; s++) out[s] = this.acc[s]!;
  }

  clone(): PhaseTracker {
    const c = new PhaseTracker(this.sines, this.sampleRate, this.hop, new Float32Array(this.sines));
    c.acc.set(this.acc);
    return c;
  }
}
