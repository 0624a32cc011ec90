import type { CvMapping } from 'neurorack/sdk';

/**
 * Moves through the model's latent space along one of its principal directions: -5 V to +5 V
 * (bipolar) go from `depth` standard deviations one way to `depth` the other, 0 V leaves the
 * latent where the timbre puts it. Models without a latent (the sinc-NSF) ignore it.
 */
export const latentWalk: CvMapping = {
  stage: 40,
  apply: (_frames, ctx) => {
    const direction = Math.max(1, Math.round(ctx.params['direction'] ?? 1));
    const move = new Array<number>(direction).fill(0);
    move[direction - 1] = ctx.bipolar * (ctx.params['depth'] ?? 2);
    return { latent: move };
  },
};
