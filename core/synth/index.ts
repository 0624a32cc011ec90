/** Public surface of the procedural impact generator. */
export { generateImpact } from './generate-impact';
export { makeImpactRecipe } from './recipes/make-recipe';
export { renderImpact } from './render/render-impact';
export { checkImpactRecipe } from './recipe-check';
export { encodeImpactWav } from './impact-wav';
export { generateImpactBatch, type GeneratedImpact, type ImpactBatchOptions } from './impact-batch';
export { DEFAULT_IMPACT_CATEGORIES, IMPACT_CATEGORIES, IMPACT_SAMPLE_RATE, type ImpactCategory, type ImpactRecipe, type ImpactLayer } from './impact-recipe';
export { Prng, mixSeed } from './prng';
