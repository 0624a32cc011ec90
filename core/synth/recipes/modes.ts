import type { Mode } from '../impact-recipe';
import type { Prng } from '../prng';

/** How a family of modes is voiced from frequency ratios. */
export interface ModeVoicing {
  /** T60 of the fundamental. */
  t60S: number;
  /** Higher modes decay faster: t60 · (f1/f)^decayTilt. */
  decayTilt: number;
  /** Mode amplitudes roll off above this (a soft mallet has a low value). */
  brightHz: number;
  /** Random spread of each ratio, as a fraction (material irregularity). */
  jitter: number;
  /** Random spread of each amplitude, 0..1. */
  ampSpread: number;
}

/** Modes at f1·ratio with decays and amplitudes from `v`; ratios that would alias are dropped. */
export function modesFromRatios(f1: number, ratios: readonly number[], v: ModeVoicing, rng: Prng, nyquist = 11025): Mode[] {
  const modes: Mode[] = [];
  for (const ratio of ratios) {
    const freqHz = f1 * ratio * (1 + v.jitter * rng.bipolar());
    if (freqHz >= 0.95 * nyquist) continue;
    const t60S = v.t60S * Math.pow(f1 / freqHz, v.decayTilt);
    const tone = 1 / (1 + Math.pow(freqHz / v.brightHz, 2));
    const amp = tone * (1 - v.ampSpread * rng.next());
    modes.push({ freqHz, t60S: Math.max(0.005, t60S), amp });
  }
  return modes;
}

/** Splits each mode into a slightly detuned pair, as an imperfect bell or cymbal beats. */
export function detunedPairs(modes: Mode[], cents: number, rng: Prng): Mode[] {
  return modes.flatMap((m) => {
    const d = Math.pow(2, (cents * rng.uniform(0.3, 1)) / 1200);
    return [{ ...m, amp: m.amp * 0.6 }, { ...m, freqHz: m.freqHz * d, amp: m.amp * 0.4 }];
  });
}
