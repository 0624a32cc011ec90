import type { Prng } from '../prng';
import { modesFromRatios } from './modes';
import { room, strikeClick, type RecipeDraft } from './recipe-parts';

/** Debris: an initial hit followed by a shower of small fragments (granular clicks and pings). */
export function debrisRecipe(rng: Prng): RecipeDraft {
  const variant = rng.pick(['stones', 'splinters', 'metal-scrap'] as const);
  const band = variant === 'stones' ? [400, 3000] : variant === 'splinters' ? [800, 5000] : [1500, 8000];
  const f1 = rng.logUniform(150, 600);
  const hit = modesFromRatios(f1, [1, 2.4, 4.1, 6.9], { t60S: rng.logUniform(0.05, 0.3), decayTilt: 1, brightHz: 2000, jitter: 0.05, ampSpread: 0.5 }, rng);
  return {
    variant,
    durationS: rng.uniform(1, 3),
    layers: [
      { kind: 'modal', startS: 0, attackS: 0.001, gain: rng.uniform(0.4, 1), modes: hit },
      strikeClick(rng, rng.logUniform(1000, 4000), rng.uniform(0.4, 1)),
      {
        kind: 'grains', startS: rng.uniform(0.01, 0.08), count: rng.int(25, 200), spreadS: rng.uniform(0.5, 2.2), clustering: rng.uniform(1.2, 3),
        freqLoHz: band[0]!, freqHiHz: band[1]!, t60LoS: 0.005, t60HiS: variant === 'metal-scrap' ? rng.uniform(0.1, 0.4) : rng.uniform(0.02, 0.08), gain: rng.uniform(0.3, 0.8), click: rng.uniform(0.3, 0.9),
      },
    ],
    reverb: room(rng, [0.1, 0.3], [0.5, 1.5], [0.3, 0.7]),
  };
}
