import type { CvScan } from '../devices/cv-adc/cv-adc';
import { STEP_VOLTS } from './render-volts';

/** A gate is stepped when a CV stepped within this long before it (issue #22: a sequencer step, a square LFO's edge). */
export const STEP_WINDOW_MS = 20;

/**
 * Readings closer together than this give no slope of their own (a gate's scan right after a
 * periodic one): they are compared, not kept for the course, so ADC noise over a short gap is not
 * magnified.
 */
const MIN_SLOPE_SPAN_MS = 1;

/**
 * A course is carried forward at most this long: past it a CV is expected to hold (an LFO's course
 * over a long gap is not a straight line, and a stalled scan must not invent a step or hide one).
 */
const MAX_EXTRAPOLATE_MS = 10;

/**
 * Readings a jack's course is taken over (the oldest to the newest: 15 ms at 200 scans a second).
 * Over two readings alone, an LFO that moves in stairs (a sequencer's fast ramp, a digital LFO, a
 * replay's events) beating against the scans read as a stair of nothing, then a double one.
 */
const COURSE_READINGS = 4;

/**
 * When each jack last stepped: it moved STEP_VOLTS or more from one reading to the next, and
 * further from where its course would have carried it than that, plus the larger of that course
 * and its largest recent move (a stair of a stepped LFO). A CV that drifts (a knob turned
 * by hand, a sine or a saw's ramp, however fast) never steps, whatever the spacing of the scans;
 * a sequencer, a sample-and-hold, a square wave's edge or a saw's reset steps at each change.
 *
 * The course is the jack's slope over its last COURSE_READINGS readings, carried to the new one
 * (at most MAX_EXTRAPOLATE_MS); a step starts it again from the new level. A fast LFO moves about
 * 0.5 V between 5 ms scans, so comparing bare readings alone called a late scan (a stalled
 * thread, a gate's scan squeezed in) or a reading that caught two of its stairs a step, and its
 * gate waited for a render it did not need. Readings count at their own sample times
 * (`CvJackReading.timeMs`); a held reading (a failed chip) counts for nothing. Allocates nothing
 * per scan.
 */
export class CvSteps {
  /** Each jack's recent readings, a ring of COURSE_READINGS: volts and sample times. */
  private readonly volts: Float64Array;
  private readonly times: Float64Array;
  /** Readings held per jack (0..COURSE_READINGS) and where the newest is. */
  private readonly held: Uint8Array;
  private readonly newest: Uint8Array;
  private lastStepMs = -Infinity;

  constructor(private readonly jacks: readonly number[]) {
    this.volts = new Float64Array(jacks.length * COURSE_READINGS);
    this.times = new Float64Array(jacks.length * COURSE_READINGS);
    this.held = new Uint8Array(jacks.length);
    this.newest = new Uint8Array(jacks.length);
  }

  /** Takes a scan (every scan, in order). */
  push(scan: CvScan): void {
    for (const r of scan.jacks) {
      const j = this.jacks.indexOf(r.jack);
      if (j < 0 || !r.fresh) continue;
      const n = this.held[j]!;
      if (n === 0) {
        this.restart(j, r.volts, r.timeMs);
        continue;
      }
      const k = j * COURSE_READINGS;
      const last = k + this.newest[j]!;
      const dt = r.timeMs - this.times[last]!;
      if (dt < 0) continue; // a reading older than one already taken (a held value)
      const oldest = k + ((this.newest[j]! - n + 1 + COURSE_READINGS) % COURSE_READINGS);
      const span = this.times[last]! - this.times[oldest]!;
      const slope = span > 0 ? (this.volts[last]! - this.volts[oldest]!) / span : 0;
      const carried = slope * Math.min(dt, MAX_EXTRAPOLATE_MS);
      const moved = r.volts - this.volts[last]!;
      if (Math.abs(moved) >= STEP_VOLTS && Math.abs(moved - carried) >= STEP_VOLTS + Math.max(Math.abs(carried), this.largestMove(j))) {
        // The step came after the reading before it: counted there, at the earliest it can have been.
        this.lastStepMs = Math.max(this.lastStepMs, this.times[last]!);
        this.restart(j, r.volts, r.timeMs);
      } else if (dt >= MIN_SLOPE_SPAN_MS) {
        const at = (this.newest[j]! + 1) % COURSE_READINGS;
        this.newest[j] = at;
        this.volts[k + at] = r.volts;
        this.times[k + at] = r.timeMs;
        if (n < COURSE_READINGS) this.held[j] = n + 1;
      }
    }
  }

  /**
   * Whether a jack surely stepped at or after `sinceMs` (clock ms). A step happened somewhere
   * between the reading before it and the reading that showed it; it counts at the first, the
   * earliest it can have been, so a gate is called stepped only when the step fell within its
   * window (issue #22: a CV jumped within 20 ms before the gate). Counted at the reading that showed
   * it, a saw's reset 21 to 25 ms before a gate, seen by the next scan, made a gate that was not
   * stepped wait 10 to 20 ms for a render (bench:patches lfo); one that stepped just before the
   * window has its render asked for by then. Times are the readings' sample times, not when a scan
   * completed (that counted steps up to 30 ms old as within 20 ms of a gate).
   */
  steppedSince(sinceMs: number): boolean {
    return this.lastStepMs >= sinceMs;
  }

  /** The largest move between consecutive readings of the jack's course (the size of its stairs). */
  private largestMove(j: number): number {
    const k = j * COURSE_READINGS;
    let largest = 0;
    for (let i = 1, at = this.newest[j]!; i < this.held[j]!; i++) {
      const before = (at - 1 + COURSE_READINGS) % COURSE_READINGS;
      largest = Math.max(largest, Math.abs(this.volts[k + at]! - this.volts[k + before]!));
      at = before;
    }
    return largest;
  }

  /** The jack's course starts again from one reading (its first, or a step's new level). */
  private restart(j: number, volts: number, timeMs: number): void {
    this.held[j] = 1;
    this.newest[j] = 0;
    this.volts[j * COURSE_READINGS] = volts;
    this.times[j * COURSE_READINGS] = timeMs;
  }
}
