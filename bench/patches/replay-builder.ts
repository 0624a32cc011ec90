import type { Replay, ReplayEvent } from '../../core/engine/replay/replay-file';

/** Jacks' voltage range the generators keep to (the rack's bipolar-5v CV inputs). */
export const CV_MIN = -5;
export const CV_MAX = 5;

/** Order of events at the same instant: a CV set at the gate's instant is present at the gate. */
const ORDER: Record<ReplayEvent['type'], number> = { cv: 0, gate: 1, encoder: 2, button: 3 };

/**
 * Collects the timed panel events of a generated patch. Times are seconds from the replay's start;
 * `build()` drops what falls outside the duration, rounds times to 10 us and volts to 1 mV, and
 * sorts by time (CVs before gates at the same instant), as `neurorack run` requires.
 */
export class ReplayBuilder {
  private readonly events: ReplayEvent[] = [];

  constructor(readonly durationS: number) {}

  cv(t: number, jack: number, volts: number): this {
    this.events.push({ t, type: 'cv', jack, volts: Math.min(CV_MAX, Math.max(CV_MIN, volts)) });
    return this;
  }

  gate(t: number, jack: number, high: boolean): this {
    this.events.push({ t, type: 'gate', jack, state: high ? 'high' : 'low' });
    return this;
  }

  /** A gate high at `t` for `widthS`. */
  pulse(t: number, jack: number, widthS: number): this {
    return this.gate(t, jack, true).gate(t + widthS, jack, false);
  }

  /** `fn(t)` sampled every `stepS` from `from` (inclusive) to `to` (exclusive): a CV that moves at that rate. */
  sample(jack: number, from: number, to: number, stepS: number, fn: (t: number) => number): this {
    for (let k = 0; from + k * stepS < to; k++) {
      const t = from + k * stepS;
      this.cv(t, jack, fn(t));
    }
    return this;
  }

  build(): Replay {
    const kept = this.events
      .filter((e) => e.t >= 0 && e.t <= this.durationS)
      .map((e) => ({ ...e, t: Math.round(e.t * 1e5) / 1e5, ...(e.type === 'cv' ? { volts: Math.round(e.volts * 1000) / 1000 } : {}) }) as ReplayEvent);
    kept.sort((a, b) => a.t - b.t || ORDER[a.type] - ORDER[b.type]);
    return { duration_s: this.durationS, events: kept };
  }
}
