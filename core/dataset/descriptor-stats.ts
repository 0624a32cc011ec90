import type { DescriptorStats } from './dataset-manifest';

/** Running mean/std/min/max per column of [frames][width] matrices (Welford, float64). */
export class DescriptorStatsAccumulator {
  private n = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(private readonly width: number) {
    this.mean = new Float64Array(width);
    this.m2 = new Float64Array(width);
    this.min = new Float64Array(width).fill(Infinity);
    this.max = new Float64Array(width).fill(-Infinity);
  }

  add(frames: readonly (readonly number[])[]): void {
    for (const row of frames) {
      this.n++;
      for (let j = 0; j < this.width; j++) {
        const v = row[j];
        const d = v - this.mean[j];
        this.mean[j] += d / this.n;
        this.m2[j] += d * (v - this.mean[j]);
        if (v < this.min[j]) this.min[j] = v;
        if (v > this.max[j]) this.max[j] = v;
      }
    }
  }

  result(): DescriptorStats {
    const std = Array.from(this.m2, (m) => Math.max(Math.sqrt(this.n > 1 ? m / (this.n - 1) : 0), 1e-6));
    return {
      mean: Array.from(this.mean),
      std,
      min: Array.from(this.min, (v) => (Number.isFinite(v) ? v : 0)),
      max: Array.from(this.max, (v) => (Number.isFinite(v) ? v : 0)),
      frames: this.n,
    };
  }
}
