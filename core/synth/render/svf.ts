/**
 * State-variable filter (trapezoidal, "TPT" form): stable under fast cutoff changes, which the
 * sweeping noise layers need. Low-pass, band-pass (unity peak) and high-pass outputs.
 */
export class Svf {
  private ic1 = 0;
  private ic2 = 0;
  private a1 = 0;
  private a2 = 0;
  private a3 = 0;
  private k = 1;

  constructor(private readonly sr: number) {}

  /** Sets cutoff (clamped to 20 Hz .. 0.45·sr) and resonance Q. */
  tune(cutoffHz: number, q: number): void {
    const fc = Math.min(Math.max(cutoffHz, 20), 0.45 * this.sr);
    const g = Math.tan((Math.PI * fc) / this.sr);
    this.k = 1 / q;
    this.a1 = 1 / (1 + g * (g + this.k));
    this.a2 = g * this.a1;
    this.a3 = g * this.a2;
  }

  /** Filters one sample; `mode` 0 low-pass, 1 band-pass, 2 high-pass. */
  process(v0: number, mode: 0 | 1 | 2): number {
    const v3 = v0 - this.ic2;
    const v1 = this.a1 * this.ic1 + this.a2 * v3;
    const v2 = this.ic2 + this.a2 * this.ic1 + this.a3 * v3;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    if (mode === 0) return v2;
    if (mode === 1) return this.k * v1;
    return v0 - this.k * v1 - v2;
  }
}
