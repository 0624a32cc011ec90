import type { ImpactRecipe } from '../impact-recipe';
import { mixSeed, Prng } from '../prng';
import { applyReverb } from './fdn-reverb';
import { renderGrainLayer } from './grain-layer';
import { renderModalLayer } from './modal-layer';
import { renderNoiseLayer } from './noise-layer';

const FADE_S = 0.03;

/**
 * Renders a recipe to mono float samples at recipe.sampleRate: layers summed, reverb applied, a
 * short fade at the very end (no click where the file is cut), peak normalised to recipe.peak.
 * Every random draw (noise, grains) comes from `seed`, so equal inputs give equal samples.
 */
export function renderImpact(recipe: ImpactRecipe, seed: number): Float32Array {
  const sr = recipe.sampleRate;
  const n = Math.max(1, Math.round(recipe.durationS * sr));
  const dry = new Float64Array(n);
  recipe.layers.forEach((layer, i) => {
    const rng = new Prng(mixSeed(seed, 0x10000 + i));
    if (layer.kind === 'modal') renderModalLayer(layer, dry, sr);
    else if (layer.kind === 'noise') renderNoiseLayer(layer, dry, sr, rng);
    else renderGrainLayer(layer, dry, sr, rng);
  });
  const mixed = recipe.reverb ? applyReverb(dry, recipe.reverb, sr) : dry;
  const fade = Math.min(n, Math.round(FADE_S * sr));
  for (let i = 0; i < fade; i++) mixed[n - 1 - i]! *= 0.5 - 0.5 * Math.cos((Math.PI * i) / fade);
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(mixed[i]!));
  const gain = peak > 0 ? recipe.peak / peak : 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = mixed[i]! * gain;
  return out;
}
