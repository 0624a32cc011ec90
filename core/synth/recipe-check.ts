import { NeurorackError } from '../errors/neurorack-error';
import { IMPACT_CATEGORIES, IMPACT_SAMPLE_RATE, RECIPE_LIMITS, type ImpactRecipe } from './impact-recipe';

/**
 * Checks a recipe that came from outside (a sidecar edited by hand, a training config) before it
 * is rendered: known category and layer kinds, finite positive times and frequencies, sizes within
 * RECIPE_LIMITS. Throws NR_SYNTH_RECIPE_INVALID with the JSON pointer of the first problem.
 */
export function checkImpactRecipe(recipe: ImpactRecipe, file = 'recipe'): ImpactRecipe {
  const fail = (pointer: string, msg: string): never => {
    throw new NeurorackError('NR_SYNTH_RECIPE_INVALID', msg, { file, pointer });
  };
  const positive = (v: unknown, pointer: string, max = Number.POSITIVE_INFINITY): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > max) fail(pointer, `expected a finite number in (0, ${max}], got ${String(v)}`);
  };
  const nonNegative = (v: unknown, pointer: string, max = Number.POSITIVE_INFINITY): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max) fail(pointer, `expected a finite number in [0, ${max}], got ${String(v)}`);
  };
  if (!IMPACT_CATEGORIES.includes(recipe.category)) fail('/category', `expected one of ${IMPACT_CATEGORIES.join(', ')}`);
  if (recipe.sampleRate !== IMPACT_SAMPLE_RATE) fail('/sampleRate', `expected ${IMPACT_SAMPLE_RATE}`);
  positive(recipe.durationS, '/durationS', RECIPE_LIMITS.maxDurationS);
  positive(recipe.peak, '/peak', 1);
  if (!Array.isArray(recipe.layers) || recipe.layers.length > RECIPE_LIMITS.maxLayers) fail('/layers', `expected an array of at most ${RECIPE_LIMITS.maxLayers} layers`);
  recipe.layers.forEach((layer, i) => {
    const at = `/layers/${i}`;
    nonNegative(layer.startS, `${at}/startS`, RECIPE_LIMITS.maxDurationS);
    nonNegative(layer.gain, `${at}/gain`, 100);
    if (layer.kind === 'modal') {
      nonNegative(layer.attackS, `${at}/attackS`, 10);
      if (!Array.isArray(layer.modes) || layer.modes.length > RECIPE_LIMITS.maxModes) fail(`${at}/modes`, `expected at most ${RECIPE_LIMITS.maxModes} modes`);
      layer.modes.forEach((m, k) => {
        positive(m.freqHz, `${at}/modes/${k}/freqHz`, 1e5);
        positive(m.t60S, `${at}/modes/${k}/t60S`, 60);
        nonNegative(m.amp, `${at}/modes/${k}/amp`, 100);
      });
      if (layer.glide) {
        nonNegative(layer.glide.ratio, `${at}/glide/ratio`, 100);
        positive(layer.glide.timeS, `${at}/glide/timeS`, 60);
      }
    } else if (layer.kind === 'noise') {
      nonNegative(layer.attackS, `${at}/attackS`, 10);
      positive(layer.t60S, `${at}/t60S`, 60);
      if (!['lowpass', 'bandpass', 'highpass'].includes(layer.filter?.type)) fail(`${at}/filter/type`, 'expected lowpass, bandpass or highpass');
      positive(layer.filter.startHz, `${at}/filter/startHz`, 1e5);
      positive(layer.filter.endHz, `${at}/filter/endHz`, 1e5);
      positive(layer.filter.sweepS, `${at}/filter/sweepS`, 60);
      positive(layer.filter.q, `${at}/filter/q`, 100);
    } else if (layer.kind === 'grains') {
      if (!Number.isInteger(layer.count) || layer.count < 0 || layer.count > RECIPE_LIMITS.maxGrains) fail(`${at}/count`, `expected a whole number in [0, ${RECIPE_LIMITS.maxGrains}]`);
      nonNegative(layer.spreadS, `${at}/spreadS`, RECIPE_LIMITS.maxDurationS);
      positive(layer.clustering, `${at}/clustering`, 100);
      positive(layer.freqLoHz, `${at}/freqLoHz`, 1e5);
      positive(layer.freqHiHz, `${at}/freqHiHz`, 1e5);
      positive(layer.t60LoS, `${at}/t60LoS`, 60);
      positive(layer.t60HiS, `${at}/t60HiS`, 60);
      nonNegative(layer.click, `${at}/click`, 1);
    } else {
      fail(`${at}/kind`, 'expected modal, noise or grains');
    }
  });
  if (recipe.reverb) {
    nonNegative(recipe.reverb.mix, '/reverb/mix', 1);
    positive(recipe.reverb.t60S, '/reverb/t60S', 60);
    nonNegative(recipe.reverb.damping, '/reverb/damping', 1);
    positive(recipe.reverb.size, '/reverb/size', 4);
    nonNegative(recipe.reverb.preDelayS, '/reverb/preDelayS', 1);
  }
  return recipe;
}
