import type { Prng } from '../prng';
import { detunedPairs, modesFromRatios } from './modes';
import { room, strikeClick, type RecipeDraft } from './recipe-parts';

/** Free-free bar (Euler-Bernoulli) and church-bell partial ratios. */
const BAR = [1, 2.756, 5.404, 8.933, 13.344, 18.64];
const BELL = [0.5, 1, 1.183, 1.506, 2, 2.514, 2.662, 3.011, 4.166, 5.433, 6.796];

/** Struck metal: bars, bells and plates; inharmonic partials with long, tilted decays. */
export function metalRecipe(rng: Prng): RecipeDraft {
  const variant = rng.pick(['bar', 'bell', 'plate'] as const);
  const f1 = rng.logUniform(variant === 'bell' ? 180 : 120, variant === 'plate' ? 500 : 900);
  const t60S = rng.uniform(1.2, 4);
  const voicing = { t60S, decayTilt: rng.uniform(0.2, 0.7), brightHz: rng.logUniform(2000, 8000), jitter: 0.01, ampSpread: 0.6 };
  let ratios: number[];
  if (variant === 'bar') ratios = BAR;
  else if (variant === 'bell') ratios = BELL;
  else ratios = Array.from({ length: rng.int(12, 24) }, (_, k) => Math.pow(k + 1, rng.uniform(1.3, 1.8)) * (1 + 0.05 * rng.bipolar()));
  let modes = modesFromRatios(f1, ratios, voicing, rng);
  if (variant !== 'bar' && rng.chance(0.7)) modes = detunedPairs(modes, rng.uniform(3, 15), rng);
  return {
    variant,
    durationS: Math.min(5, t60S * 0.9 + 0.4),
    layers: [
      { kind: 'modal', startS: 0, attackS: rng.uniform(0.0002, 0.002), gain: 1, modes },
      strikeClick(rng, rng.logUniform(2500, 7000), rng.uniform(0.2, 0.8)),
    ],
    reverb: room(rng, [0.1, 0.35], [0.8, 2.5], [0.1, 0.5]),
  };
}
