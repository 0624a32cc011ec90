import type { Prng } from '../prng';
import { modesFromRatios } from './modes';
import { room, strikeClick, type RecipeDraft } from './recipe-parts';

/** Cinematic booms: a sub body with a deep pitch drop, a rumble closing down, a long dark tail. */
export function boomRecipe(rng: Prng): RecipeDraft {
  const variant = rng.pick(['sub-drop', 'explosion', 'thud'] as const);
  const f1 = rng.logUniform(28, 65);
  const t60S = rng.uniform(1.2, 3.5);
  const modes = modesFromRatios(f1, [1, 2.01, 3.03], { t60S, decayTilt: 1, brightHz: 200, jitter: 0.01, ampSpread: 0.3 }, rng);
  const layers: RecipeDraft['layers'] = [
    { kind: 'modal', startS: 0, attackS: rng.uniform(0.002, 0.01), gain: variant === 'explosion' ? 0.8 : 1.2, modes, glide: { ratio: rng.uniform(1.5, 6), timeS: rng.logUniform(0.05, 0.35) } },
    strikeClick(rng, rng.logUniform(300, 1500), rng.uniform(0.1, 0.5), rng.logUniform(0.01, 0.04)),
  ];
  if (variant !== 'sub-drop') {
    layers.push({
      kind: 'noise', startS: 0, attackS: rng.uniform(0.002, 0.02), t60S: rng.uniform(0.8, 3), gain: variant === 'explosion' ? rng.uniform(0.8, 1.5) : rng.uniform(0.2, 0.5),
      filter: { type: 'lowpass', startHz: rng.logUniform(1200, 5000), endHz: rng.logUniform(60, 250), sweepS: rng.logUniform(0.1, 0.6), q: rng.uniform(0.6, 1.2) },
    });
  }
  return { variant, durationS: rng.uniform(2.5, 5), layers, reverb: room(rng, [0.25, 0.5], [1.8, 4], [0.6, 0.95]) };
}
