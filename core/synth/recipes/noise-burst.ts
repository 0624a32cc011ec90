import type { NoiseLayer } from '../impact-recipe';
import type { Prng } from '../prng';
import { room, type RecipeDraft } from './recipe-parts';

/** Noise bursts: swept filtered noise (whooshes, hits, air), one to three overlapping bursts. */
export function noiseBurstRecipe(rng: Prng): RecipeDraft {
  const variant = rng.pick(['down-sweep', 'up-sweep', 'crack'] as const);
  const bursts = rng.int(1, 3);
  const layers: NoiseLayer[] = [];
  for (let b = 0; b < bursts; b++) {
    const lo = rng.logUniform(150, 1200);
    const hi = rng.logUniform(2500, 9000);
    layers.push({
      kind: 'noise',
      startS: b === 0 ? 0 : rng.uniform(0.02, 0.4),
      attackS: variant === 'crack' ? 0.0005 : rng.logUniform(0.002, 0.06),
      t60S: variant === 'crack' ? rng.logUniform(0.05, 0.4) : rng.logUniform(0.2, 1.6),
      gain: rng.uniform(0.4, 1),
      filter: {
        type: rng.pick(['lowpass', 'bandpass', 'highpass'] as const),
        startHz: variant === 'up-sweep' ? lo : hi,
        endHz: variant === 'up-sweep' ? hi : lo,
        sweepS: rng.logUniform(0.05, 0.8),
        q: rng.uniform(0.6, 4),
      },
    });
  }
  return { variant, durationS: rng.uniform(0.6, 2.5), layers, reverb: rng.chance(0.7) ? room(rng, [0.1, 0.4], [0.5, 2], [0.2, 0.8]) : null };
}
