import type { RunSummary, StaleFigures } from './run-summary';
import { fmt } from './stats';

/** Issue #22's targets (this 2-core machine, shipped model, 128-frame blocks). */
export const TARGETS = {
  /** Not-stepped gates: p99 within one block plus 1 ms, max within two blocks. */
  gateP99Ms: (blockMs: number) => blockMs + 1,
  gateMaxMs: (blockMs: number) => 2 * blockMs,
  /** Stepped gates: the right sound p99 within 12 ms. */
  steppedRightP99Ms: 12,
  staleGates: 0,
  cvP99Ms: 20,
  xruns: 0,
} as const;

export interface Verdict {
  readonly target: string;
  readonly value: string;
  /** null: not measurable in this run (no such gates, no CV changes, no stale figure). */
  readonly met: boolean | null;
  /** How it was judged, when not plainly. */
  readonly basis?: string;
}

const le = (v: number | null, limit: number): boolean | null => (v === null ? null : v <= limit);

/**
 * Each target for one run. Gate figures are the engine's (metrics), which the recording's onsets
 * are aligned to; the stepped gates' right-sound figure comes from the recording where the patch
 * alternates two entries (the stale family), else it is the engine's sound-start figure, which
 * does not say whether the sound was the right one. Stale gates: from the recording where it can
 * tell, else the metrics' `stale_gates` when the engine reports it.
 */
export function verdicts(s: RunSummary): Verdict[] {
  const out: Verdict[] = [];
  const ns = s.notStepped.metric;
  out.push({ target: `gate p99 <= ${fmt(TARGETS.gateP99Ms(s.blockMs))} ms`, value: fmt(ns.p99), met: le(ns.p99, TARGETS.gateP99Ms(s.blockMs)) });
  out.push({ target: `gate max <= ${fmt(TARGETS.gateMaxMs(s.blockMs))} ms`, value: fmt(ns.max), met: le(ns.max, TARGETS.gateMaxMs(s.blockMs)) });
  if (s.staleFromAudio) {
    const r = s.staleFromAudio.rightSound;
    out.push({ target: `stepped right-sound p99 <= ${TARGETS.steppedRightP99Ms} ms`, value: fmt(r.p99), met: le(r.p99, TARGETS.steppedRightP99Ms), basis: 'recording, gates whose CV1 changed 1 ms or more before' });
  } else {
    const st = s.stepped.metric;
    out.push({ target: `stepped right-sound p99 <= ${TARGETS.steppedRightP99Ms} ms`, value: fmt(st.p99), met: le(st.p99, TARGETS.steppedRightP99Ms), basis: 'engine sound start; rightness not judged' });
  }
  // A recording that could not be aligned judges no gate: that is no verdict, not 0 stale.
  if (s.staleFromAudio) out.push(staleVerdict(s.staleFromAudio));
  else out.push({ target: 'stale gates = 0', value: s.staleFromMetrics === null ? '-' : String(s.staleFromMetrics), met: s.staleFromMetrics === null ? null : s.staleFromMetrics === 0, basis: 'metrics stale_gates' });
  out.push({ target: `cv p99 <= ${TARGETS.cvP99Ms} ms`, value: fmt(s.cv.p99), met: le(s.cv.p99, TARGETS.cvP99Ms) });
  out.push({ target: 'xruns = 0', value: String(s.xruns), met: s.xruns === TARGETS.xruns });
  return out;
}

/**
 * Stale gates by issue #22's rule (a gate plays the CVs changed 1 ms or more before it): those
 * gates judge it; the others, either of whose steps is right, are named in its basis.
 */
function staleVerdict(f: StaleFigures): Verdict {
  const target = 'stale gates = 0';
  if (f.judged === 0) return { target, value: '0/0', met: null, basis: 'recording, not aligned: nothing judged' };
  const late = f.judged - f.judgedChangedAtLeast1Ms;
  const lateStale = f.stale - f.staleChangedAtLeast1Ms;
  const apart = late === 0 ? '' : `; ${late} gates whose CV1 changed in their last ms left out (${lateStale} sounded like the previous step)`;
  return { target, value: `${f.staleChangedAtLeast1Ms}/${f.judgedChangedAtLeast1Ms}`, met: f.judgedChangedAtLeast1Ms === 0 ? null : f.staleChangedAtLeast1Ms === 0, basis: `recording${apart}` };
}
