import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { ModelRenderer, RenderTarget } from '../../core/engine/model-renderer';
import { PACE_AHEAD_FRAMES, PACE_SETTLE_MS } from '../../core/model-runtime/render-pace';
import { paths } from '../../core/paths';
import { FraveModel } from '../../plugins/model-frave/frave-model';
import { SincNsfModel } from '../../plugins/model-sinc-nsf/sinc-nsf-model';
import { decayCurve, SHIPPED as FRAVE } from './model-frave/frave-helpers';
import { impactCurve, maxAbsDiff, sharedTarget } from './model-sinc-nsf/render-helpers';

const FRAMES = 200;

/** Both shipped models, each with a curve of FRAMES frames and the frames of its first two chunks. */
const MODELS = [
  {
    name: 'sinc-NSF (models/sinc-nsf-impacts-v1)',
    load: async () => {
      const m = await SincNsfModel.load(join(paths.models, 'sinc-nsf-impacts-v1'));
      return { model: m as ModelRenderer & { dispose(): Promise<void> }, curve: impactCurve(m.manifest.normalisation.mean, FRAMES, 3), firstTwo: 2 + 4 };
    },
  },
  {
    name: 'FRAVE (models/frave-impacts-v1)',
    load: async () => {
      const m = await FraveModel.load(FRAVE);
      return { model: m as ModelRenderer & { dispose(): Promise<void> }, curve: decayCurve(m.neutralFrame, FRAMES), firstTwo: 2 + 4 };
    },
  },
];

for (const spec of MODELS) {
  describe(`a paced progressive render (RenderTarget.played): ${spec.name}`, function () {
    this.timeout(120_000);
    let model: ModelRenderer & { dispose(): Promise<void> };
    let curve: number[][];
    let firstTwo: number;
    let offline: Float32Array;

    before(async () => {
      ({ model, curve, firstTwo } = await spec.load());
      offline = await model.render(curve, 5);
    });
    after(async () => model?.dispose());

    it('with nobody reading, stops past its lead until it settles, then writes the rest: the same samples as the whole render', async () => {
      const played = new Int32Array(new SharedArrayBuffer(4));
      const target: RenderTarget = { ...sharedTarget(FRAMES * model.hop), played };
      const called = performance.now();
      const done = model.renderInto!(curve, 5, target);
      // Before the render can have settled (PACE_SETTLE_MS from its first chunk, which is after
      // the call), it writes its first chunks and no more: it is PACE_AHEAD_FRAMES ahead of a
      // reader that has not started. Readings are timed where they are taken.
      let most = 0;
      while (performance.now() < called + PACE_SETTLE_MS - 5) {
        await new Promise((r) => setTimeout(r, 1));
        if (performance.now() < called + PACE_SETTLE_MS - 5) most = Math.max(most, Atomics.load(target.ready, 0));
      }
      assert.ok(PACE_AHEAD_FRAMES <= firstTwo);
      assert.ok(most <= firstTwo * model.hop, `written before it settled: ${most / model.hop} frames (its first two chunks are ${firstTwo})`);
      await done;
      assert.equal(Atomics.load(target.ready, 0), FRAMES * model.hop, 'written to the end once settled');
      const err = maxAbsDiff(target.audio, offline);
      assert.ok(err <= 1e-4, `max error against the whole render ${err}`);
    });

    it('a reader that starts wakes it: it writes on ahead of the reader before the render settles', async () => {
      const played = new Int32Array(new SharedArrayBuffer(4));
      const target: RenderTarget = { ...sharedTarget(FRAMES * model.hop), played };
      const done = model.renderInto!(curve, 5, target);
      while (Atomics.load(target.ready, 0) < firstTwo * model.hop) await new Promise((r) => setTimeout(r, 1));
      // A voice has played four frames of it: fewer than PACE_AHEAD_FRAMES are written past it.
      const at = performance.now();
      Atomics.store(played, 0, (firstTwo - 2) * model.hop);
      Atomics.notify(played, 0);
      while (Atomics.load(target.ready, 0) <= firstTwo * model.hop && performance.now() - at < 10_000) await new Promise((r) => setTimeout(r, 1));
      const woke = performance.now() - at;
      assert.ok(Atomics.load(target.ready, 0) > firstTwo * model.hop, 'it wrote its next chunk');
      await done;
      assert.ok(maxAbsDiff(target.audio, offline) <= 1e-4);
      // Reported, not asserted: how soon a render wakes depends on the machine.
      console.log(`      next chunk ${woke.toFixed(1)} ms after the reader started`);
    });
  });
}
