import type { CvMapping } from 'neurorack/sdk';
import { cvCurve } from './cv-curve';
import { interpolate } from './interpolate';
import { latentWalk } from './latent-walk';
import { scrub } from './scrub';
import { transient } from './transient';
import { variation } from './variation';

/** The built-in CV mappings, one per offer in plugin.json (the loader checks both ways). */
export const provides: Record<string, CvMapping> = {
  interpolate,
  scrub,
  transient,
  variation,
  'latent-walk': latentWalk,
  'cv-curve': cvCurve,
};
