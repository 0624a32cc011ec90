import type { CvScan } from '../devices/cv-adc/cv-adc';
import { STEP_VOLTS } from './render-volts';

/** A gate is stepped when a CV stepped within this long before it (issue #22: a sequencer step, a square LFO's edge). */
export const STEP_WINDOW_MS = 20;

/**
 * When each jack last stepped: moved STEP_VOLTS or more from one scan to the next. A CV that only
 * drifts (a slow LFO, a knob turned by hand) never steps, however far it goes; a sequencer, a
 * sample-and-hold or a square wave steps at each change. Allocates nothing per scan.
 */
export class CvSteps {
  private readonly last: Float64Array;
  private readonly seen: Uint8Array;
  private lastStepMs = -Infinity;

  constructor(private readonly jacks: readonly number[]) {
    this.last = new Float64Array(jacks.length);
    this.seen = new Uint8Array(jacks.length);
  }

  /** Takes a scan (every scan, in order). */
  push(scan: CvScan): void {
    for (const r of scan.jacks) {
      const j = this.jacks.indexOf(r.jack);
      if (j < 0) continue;
      if (this.seen[j] && Math.abs(r.volts - this.last[j]!) >= STEP_VOLTS) this.lastStepMs = scan.timeMs;
      this.last[j] = r.volts;
      this.seen[j] = 1;
    }
  }

  /** Whether a jack stepped at or after `sinceMs` (clock ms). */
  steppedSince(sinceMs: number): boolean {
    return this.lastStepMs >= sinceMs;
  }
}
