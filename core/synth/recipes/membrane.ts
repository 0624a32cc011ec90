import type { Prng } from '../prng';
import { modesFromRatios } from './modes';
import { room, strikeClick, type RecipeDraft } from './recipe-parts';

/** Ideal circular membrane: zeros of the Bessel functions relative to the (0,1) mode. */
const DRUM = [1, 1.594, 2.136, 2.296, 2.653, 2.918, 3.156, 3.501, 3.6, 3.652];

/** Membranes: drum modes with a pitch glide downward, sometimes snare wires. */
export function membraneRecipe(rng: Prng): RecipeDraft {
  const variant = rng.pick(['tom', 'kick', 'snare', 'hand-drum'] as const);
  const f1 = variant === 'kick' ? rng.logUniform(45, 80) : variant === 'snare' ? rng.logUniform(160, 260) : rng.logUniform(90, 330);
  const t60S = rng.logUniform(0.25, variant === 'kick' ? 1.2 : 0.8);
  const modes = modesFromRatios(f1, variant === 'kick' ? DRUM.slice(0, 3) : DRUM, { t60S, decayTilt: rng.uniform(0.5, 1), brightHz: rng.logUniform(300, 1500), jitter: 0.01, ampSpread: 0.5 }, rng);
  const layers: RecipeDraft['layers'] = [
    { kind: 'modal', startS: 0, attackS: rng.uniform(0.0005, 0.002), gain: 1, modes, glide: { ratio: rng.uniform(variant === 'kick' ? 1 : 0.1, variant === 'kick' ? 3 : 0.7), timeS: rng.logUniform(0.015, 0.12) } },
    strikeClick(rng, rng.logUniform(1000, 4000), rng.uniform(0.2, 0.7)),
  ];
  if (variant === 'snare') {
    layers.push({ kind: 'noise', startS: 0.002, attackS: 0.001, t60S: rng.logUniform(0.15, 0.45), gain: rng.uniform(0.6, 1.3), filter: { type: 'highpass', startHz: rng.logUniform(1500, 3000), endHz: rng.logUniform(800, 2000), sweepS: 0.1, q: 0.7 } });
  }
  return { variant, durationS: rng.uniform(0.6, 1.6), layers, reverb: room(rng, [0.08, 0.3], [0.4, 1.5], [0.3, 0.7]) };
}
