/**
 * The recent past of one CV jack at a fixed rate, for mappings that turn a CV's history into a
 * curve. A ring written twice over (at i and i + capacity), so the held values, oldest first, are
 * always one contiguous run: `view()` hands them out without copying. A control pass runs on every
 * scan, and the copy it used to take (10 s at 200 Hz, four jacks) was 13 MB of garbage a second
 * under moving CVs. Pushing and viewing allocate nothing but the view.
 */
export class CvHistory {
  private readonly ring: Float64Array;
  private readonly capacity: number;
  private next = 0;
  private filled = 0;

  constructor(readonly hz: number, seconds: number) {
    this.capacity = Math.max(1, Math.round(hz * seconds));
    this.ring = new Float64Array(2 * this.capacity);
  }

  push(volts: number): void {
    this.ring[this.next] = volts;
    this.ring[this.next + this.capacity] = volts;
    this.next = (this.next + 1) % this.capacity;
    if (this.filled < this.capacity) this.filled++;
  }

  /** The held values, oldest first, as a view valid until the next push (a mapping reads it during its call). */
  view(): Float64Array {
    const end = this.next + this.capacity;
    return this.ring.subarray(end - this.filled, end);
  }

  /** The held values, oldest first, as a copy. */
  snapshot(): Float64Array {
    return this.view().slice();
  }
}
