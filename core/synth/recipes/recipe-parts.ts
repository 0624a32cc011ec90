import type { NoiseLayer, ReverbSpec } from '../impact-recipe';
import type { Prng } from '../prng';

/** What a category factory returns; make-recipe.ts adds the fixed fields. */
export interface RecipeDraft {
  variant: string;
  durationS: number;
  layers: import('../impact-recipe').ImpactLayer[];
  reverb: ReverbSpec | null;
}

/** The short noise of the strike itself (mallet, stick, contact). */
export function strikeClick(rng: Prng, centreHz: number, gain: number, t60S = rng.logUniform(0.004, 0.02)): NoiseLayer {
  return {
    kind: 'noise',
    startS: 0,
    attackS: 0.0003,
    t60S,
    gain,
    filter: { type: 'bandpass', startHz: centreHz * 1.5, endHz: centreHz, sweepS: 0.01, q: rng.uniform(0.7, 2) },
  };
}

/** A reverb with its ranges drawn from `rng`. */
export function room(rng: Prng, mix: [number, number], t60S: [number, number], damping: [number, number]): ReverbSpec {
  return {
    mix: rng.uniform(mix[0], mix[1]),
    t60S: rng.logUniform(t60S[0], t60S[1]),
    damping: rng.uniform(damping[0], damping[1]),
    size: rng.uniform(0.6, 1.6),
    preDelayS: rng.uniform(0, 0.025),
  };
}
