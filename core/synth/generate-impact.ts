import { checkImpactRecipe } from './recipe-check';
import type { ImpactRecipe } from './impact-recipe';
import { makeImpactRecipe } from './recipes/make-recipe';
import { renderImpact } from './render/render-impact';

/**
 * One procedural impact as mono float samples at 22050 Hz, peak-normalised. Deterministic: the
 * same seed (and recipe) gives the same samples, bit for bit. Without a recipe, `seed` picks the
 * category and every parameter (makeImpactRecipe); with one, the recipe is checked and `seed`
 * drives only the random parts of the render (noise, grain timing).
 */
export function generateImpact(seed: number, recipe?: ImpactRecipe): Float32Array {
  const r = recipe ? checkImpactRecipe(recipe) : makeImpactRecipe(seed);
  return renderImpact(r, seed);
}
