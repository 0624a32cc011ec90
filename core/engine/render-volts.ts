import type { CvScan } from '../devices/cv-adc/cv-adc';

/**
 * A CV *steps* when it moves this much from one scan to the next (a sequencer step, a square LFO
 * edge, a sample-and-hold), and a render is the sound of other CVs when one of them is this far
 * from the CVs it was asked for.
 */
export const STEP_VOLTS = 0.5;

/**
 * The jack volts each recent render version was asked for, so a gate can tell whether the render
 * it would play was made from the CVs present at the gate. A fixed ring: recording allocates nothing.
 */
export class RenderVolts {
  private readonly versions: Float64Array;
  private readonly volts: Float64Array;
  private next = 0;

  constructor(private readonly jacks: readonly number[], capacity = 32) {
    this.versions = new Float64Array(capacity);
    this.volts = new Float64Array(capacity * jacks.length);
  }

  /** `version` was asked for with the volts of `scan`. */
  record(version: number, scan: CvScan): void {
    const k = this.next;
    this.next = (k + 1) % this.versions.length;
    this.versions[k] = version;
    for (let j = 0; j < this.jacks.length; j++) this.volts[k * this.jacks.length + j] = voltsOf(scan, this.jacks[j]!);
  }

  /**
   * Whether a CV in `scan` is STEP_VOLTS or more away from what `version` was asked for (true when
   * the version is unknown or too old to be remembered: the gate then waits for a fresh render).
   */
  steppedFrom(version: number, scan: CvScan): boolean {
    if (!this.jacks.length) return false;
    const k = this.versions.indexOf(version);
    if (version <= 0 || k < 0) return true;
    for (let j = 0; j < this.jacks.length; j++) {
      if (Math.abs(voltsOf(scan, this.jacks[j]!) - this.volts[k * this.jacks.length + j]!) >= STEP_VOLTS) return true;
    }
    return false;
  }
}

function voltsOf(scan: CvScan, jack: number): number {
  for (const r of scan.jacks) if (r.jack === jack) return r.volts;
  return 0;
}
