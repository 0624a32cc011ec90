import type { ImpactLayer } from '../impact-recipe';
import type { Prng } from '../prng';
import { modesFromRatios } from './modes';
import { room, strikeClick, type RecipeDraft } from './recipe-parts';

/**
 * Hits whose low body dies first and leaves a longer, brighter tail: a rain of debris, air, or a
 * metallic shimmer. Their spectrum brightens as they decay, as many cinematic impacts do, where
 * every other category darkens (high modes and filters decay first).
 */
export function tailRecipe(rng: Prng): RecipeDraft {
  const variant = rng.pick(['debris-rain', 'air', 'shimmer'] as const);
  const bodyT60 = rng.logUniform(0.12, 0.7);
  const tailT60 = Math.min(4, bodyT60 * rng.uniform(3, 9));
  const body = modesFromRatios(rng.logUniform(35, 160), [1, 1.59, 2.14, 2.65], { t60S: bodyT60, decayTilt: 0.6, brightHz: rng.logUniform(150, 600), jitter: 0.03, ampSpread: 0.4 }, rng);
  const tailGain = rng.logUniform(0.06, 0.4);
  const layers: ImpactLayer[] = [
    { kind: 'modal', startS: 0, attackS: rng.uniform(0.001, 0.006), gain: rng.uniform(0.9, 1.4), modes: body, glide: { ratio: rng.uniform(0, 2), timeS: rng.logUniform(0.03, 0.2) } },
    strikeClick(rng, rng.logUniform(600, 3000), rng.uniform(0.1, 0.5)),
  ];
  if (variant === 'air') {
    const startHz = rng.logUniform(600, 3500);
    layers.push({
      kind: 'noise', startS: rng.uniform(0, 0.05), attackS: rng.logUniform(0.01, 0.15), t60S: tailT60, gain: tailGain,
      filter: { type: 'bandpass', startHz, endHz: Math.min(9000, startHz * rng.logUniform(0.8, 2.5)), sweepS: rng.logUniform(0.3, 1.5), q: rng.uniform(0.7, 2.5) },
    });
  } else if (variant === 'debris-rain') {
    layers.push({
      kind: 'grains', startS: rng.uniform(0.02, 0.15), count: rng.int(80, 400), spreadS: tailT60 * rng.uniform(0.4, 0.8), clustering: rng.uniform(0.6, 1.2),
      freqLoHz: rng.logUniform(500, 1500), freqHiHz: rng.logUniform(2500, 7000), t60LoS: 0.005, t60HiS: rng.uniform(0.03, 0.1), gain: tailGain * 3, click: rng.uniform(0.1, 0.5),
    });
  } else {
    const ratios = Array.from({ length: rng.int(10, 20) }, (_, k) => Math.pow(k + 1, rng.uniform(1.2, 1.6)) * (1 + 0.05 * rng.bipolar()));
    const modes = modesFromRatios(rng.logUniform(600, 2500), ratios, { t60S: tailT60, decayTilt: rng.uniform(0, 0.2), brightHz: 9000, jitter: 0.01, ampSpread: 0.6 }, rng);
    layers.push({ kind: 'modal', startS: 0, attackS: rng.uniform(0.005, 0.05), gain: tailGain, modes });
  }
  return { variant, durationS: Math.min(5, tailT60 * 0.9 + 0.5), layers, reverb: room(rng, [0.15, 0.45], [1, 3], [0, 0.35]) };
}
