import type { CvMapping } from 'neurorack/sdk';

/** Moves the playhead: 0 V reads from the start of the render, the top of the jack from its end. */
export const scrub: CvMapping = {
  stage: 100,
  apply: (_frames, ctx) => ({ playhead: ctx.amount }),
};
