import { fullFormats } from 'ajv-formats/dist/formats';
import * as semver from 'semver';

/**
 * The string formats schemas/ may name: ajv-formats' full set and two of ours. One module, so
 * validators compiled ahead of time (see standalone-validators.ts) require the same functions the
 * host compiles with.
 */
export const formats = {
  ...fullFormats,
  semver: (v: string): boolean => semver.valid(v) !== null,
  'semver-range': (v: string): boolean => semver.validRange(v) !== null,
};
