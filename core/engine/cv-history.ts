/**
 * The recent past of one CV jack at a fixed rate, for mappings that turn a CV's history into a
 * curve. A fixed ring: pushing allocates nothing; `snapshot` copies oldest-first.
 */
export class CvHistory {
  private readonly ring: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly hz: number, seconds: number) {
    this.ring = new Float64Array(Math.max(1, Math.round(hz * seconds)));
  }

  push(volts: number): void {
    this.ring[this.next] = volts;
    this.next = (this.next + 1) % this.ring.length;
    if (this.filled < this.ring.length) this.filled++;
  }

  /** The held values, oldest first. */
  snapshot(): Float64Array {
    const out = new Float64Array(this.filled);
    const start = (this.next - this.filled + this.ring.length) % this.ring.length;
    for (let i = 0; i < this.filled; i++) out[i] = this.ring[(start + i) % this.ring.length]!;
    return out;
  }
}
