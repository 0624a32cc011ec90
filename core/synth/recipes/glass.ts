import type { Prng } from '../prng';
import { modesFromRatios } from './modes';
import { room, strikeClick, type RecipeDraft } from './recipe-parts';

/** Wine-glass / bottle partial ratios. */
const GLASS = [1, 2.32, 4.25, 6.63, 9.38];

/** Glass: high, sparse, long-ringing partials; a clink, or a clink with shards. */
export function glassRecipe(rng: Prng): RecipeDraft {
  const variant = rng.pick(['clink', 'clink', 'shatter'] as const);
  const f1 = rng.logUniform(700, 2200);
  const t60S = rng.uniform(0.8, 2.8);
  const modes = modesFromRatios(f1, GLASS, { t60S, decayTilt: rng.uniform(0.1, 0.5), brightHz: rng.logUniform(5000, 10000), jitter: 0.015, ampSpread: 0.5 }, rng);
  const layers: RecipeDraft['layers'] = [
    { kind: 'modal', startS: 0, attackS: 0.0002, gain: 1, modes },
    strikeClick(rng, rng.logUniform(4000, 8000), rng.uniform(0.2, 0.6), rng.logUniform(0.002, 0.008)),
  ];
  if (variant === 'shatter') {
    layers.push({
      kind: 'grains', startS: rng.uniform(0, 0.02), count: rng.int(40, 160), spreadS: rng.uniform(0.4, 1.5), clustering: rng.uniform(1.5, 3),
      freqLoHz: rng.logUniform(2000, 3500), freqHiHz: rng.logUniform(6000, 9500), t60LoS: 0.02, t60HiS: rng.uniform(0.08, 0.3), gain: rng.uniform(0.4, 0.9), click: rng.uniform(0.1, 0.4),
    });
  }
  return { variant, durationS: Math.min(4, t60S * 0.8 + 0.5), layers, reverb: room(rng, [0.15, 0.4], [1, 2.5], [0, 0.3]) };
}
