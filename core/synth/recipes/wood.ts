import type { Prng } from '../prng';
import { modesFromRatios } from './modes';
import { room, strikeClick, type RecipeDraft } from './recipe-parts';

/** Tuned wooden bar (marimba-like) and a plank's irregular ratios. */
const MARIMBA = [1, 3.93, 9.16];

/** Struck wood: few modes, short decays that fall fast with frequency, a dry knock. */
export function woodRecipe(rng: Prng): RecipeDraft {
  const variant = rng.pick(['bar', 'plank', 'block'] as const);
  const f1 = rng.logUniform(variant === 'plank' ? 120 : 250, variant === 'block' ? 1600 : 900);
  const ratios = variant === 'bar' ? MARIMBA : [1, rng.uniform(2.1, 2.9), rng.uniform(3.8, 5.6), rng.uniform(6.3, 8.4), rng.uniform(9, 12)];
  const t60S = rng.logUniform(0.06, variant === 'bar' ? 0.6 : 0.3);
  const modes = modesFromRatios(f1, ratios, { t60S, decayTilt: rng.uniform(0.8, 1.3), brightHz: rng.logUniform(1200, 4000), jitter: 0.02, ampSpread: 0.5 }, rng);
  return {
    variant,
    durationS: rng.uniform(0.5, 1.3),
    layers: [
      { kind: 'modal', startS: 0, attackS: rng.uniform(0.0005, 0.003), gain: 1, modes },
      strikeClick(rng, rng.logUniform(800, 3000), rng.uniform(0.3, 1.2), rng.logUniform(0.004, 0.015)),
    ],
    reverb: rng.chance(0.8) ? room(rng, [0.05, 0.25], [0.3, 1.0], [0.3, 0.8]) : null,
  };
}
