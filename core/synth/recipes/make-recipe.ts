import { DEFAULT_IMPACT_CATEGORIES, IMPACT_SAMPLE_RATE, RECIPE_GENERATOR, RECIPE_VERSION, type ImpactCategory, type ImpactRecipe } from '../impact-recipe';
import { mixSeed, Prng } from '../prng';
import { boomRecipe } from './boom';
import { debrisRecipe } from './debris';
import { glassRecipe } from './glass';
import { membraneRecipe } from './membrane';
import { metalRecipe } from './metal';
import { noiseBurstRecipe } from './noise-burst';
import type { RecipeDraft } from './recipe-parts';
import { tailRecipe } from './tail';
import { woodRecipe } from './wood';

const FACTORIES: Record<ImpactCategory, (rng: Prng) => RecipeDraft> = {
  metal: metalRecipe,
  wood: woodRecipe,
  glass: glassRecipe,
  membrane: membraneRecipe,
  boom: boomRecipe,
  noise: noiseBurstRecipe,
  debris: debrisRecipe,
  tail: tailRecipe,
};

/**
 * The recipe seed `seed` stands for: its category (drawn from the seed among the default
 * categories unless given) and every parameter. Pure: the same arguments always give an equal
 * recipe.
 */
export function makeImpactRecipe(seed: number, category?: ImpactCategory): ImpactRecipe {
  const rng = new Prng(mixSeed(seed, 0x5ec1));
  const cat = category ?? rng.pick(DEFAULT_IMPACT_CATEGORIES);
  const draft = FACTORIES[cat](rng);
  return {
    generator: RECIPE_GENERATOR,
    version: RECIPE_VERSION,
    category: cat,
    variant: draft.variant,
    sampleRate: IMPACT_SAMPLE_RATE,
    durationS: Math.round(draft.durationS * 1000) / 1000,
    peak: Math.round(rng.uniform(0.5, 0.95) * 1000) / 1000,
    layers: draft.layers,
    reverb: draft.reverb,
  };
}
