/**
 * What an impact is made of (the "what"), separate from how it is rendered (render/). A recipe and
 * a seed determine the sound exactly; the batch tool writes the recipe next to each WAV.
 */

/**
 * The categories a batch cycles through, and a seed draws from, when none is named. `tail` came
 * later and is asked for by name, so batches and datasets made before it still come out the same.
 */
export const DEFAULT_IMPACT_CATEGORIES = ['metal', 'wood', 'glass', 'membrane', 'boom', 'noise', 'debris'] as const;
/** Every category a recipe may name. */
export const IMPACT_CATEGORIES = [...DEFAULT_IMPACT_CATEGORIES, 'tail'] as const;
export type ImpactCategory = (typeof IMPACT_CATEGORIES)[number];

export const IMPACT_SAMPLE_RATE = 22050;
export const RECIPE_GENERATOR = 'neurorack-impacts';
export const RECIPE_VERSION = 1;

/** One resonant mode: a decaying sinusoid. */
export interface Mode {
  freqHz: number;
  /** Time to fall by 60 dB. */
  t60S: number;
  amp: number;
}

/**
 * Struck resonator (bar, plate, bell, membrane, boom body). Optional glide: every mode's frequency
 * is multiplied by 1 + ratio·exp(-t/timeS), a pitch drop such as a tensioned membrane or a boom.
 */
export interface ModalLayer {
  kind: 'modal';
  startS: number;
  attackS: number;
  gain: number;
  modes: Mode[];
  glide?: { ratio: number; timeS: number };
}

/** Filtered noise with an attack/decay envelope and a filter cutoff that sweeps exponentially. */
export interface NoiseLayer {
  kind: 'noise';
  startS: number;
  attackS: number;
  t60S: number;
  gain: number;
  filter: { type: 'lowpass' | 'bandpass' | 'highpass'; startHz: number; endHz: number; sweepS: number; q: number };
}

/**
 * Debris: many short pings (small fragments), starting within `spreadS`, clustered early
 * (`clustering` > 1 packs them towards the start), each louder than the next on average.
 */
export interface GrainLayer {
  kind: 'grains';
  startS: number;
  count: number;
  spreadS: number;
  clustering: number;
  freqLoHz: number;
  freqHiHz: number;
  t60LoS: number;
  t60HiS: number;
  gain: number;
  /** Share of each grain that is a noise click rather than a ping, 0..1. */
  click: number;
}

export type ImpactLayer = ModalLayer | NoiseLayer | GrainLayer;

/** Reverberant tail: a feedback delay network. */
export interface ReverbSpec {
  mix: number;
  t60S: number;
  /** 0 bright .. 1 dark (per-line low-pass in the feedback loop). */
  damping: number;
  /** Delay-line length scale (room size), 0.5..2. */
  size: number;
  preDelayS: number;
}

export interface ImpactRecipe {
  generator: typeof RECIPE_GENERATOR;
  version: typeof RECIPE_VERSION;
  category: ImpactCategory;
  /** Short description of the variant, e.g. "bell", "snare-like". */
  variant: string;
  sampleRate: typeof IMPACT_SAMPLE_RATE;
  durationS: number;
  /** Peak level after normalisation. */
  peak: number;
  layers: ImpactLayer[];
  reverb: ReverbSpec | null;
}

/** Bounds a recipe must keep (checked on recipes given from outside). */
export const RECIPE_LIMITS = {
  maxDurationS: 30,
  maxLayers: 16,
  maxModes: 128,
  maxGrains: 4000,
} as const;
