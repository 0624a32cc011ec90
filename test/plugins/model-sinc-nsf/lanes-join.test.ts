import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { paths } from '../../../core/paths';
import { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';
import { impactCurve, maxAbsDiff, sharedTarget } from './render-helpers';

const SHIPPED = join(paths.models, 'sinc-nsf-impacts-v1');

describe('model-sinc-nsf: render lanes past the first join after load (cold start, issue #22)', function () {
  this.timeout(60_000);

  it('hands the model out with its first lane, plays at once, and the others join warmed up', async () => {
    const model = await SincNsfModel.load(SHIPPED, { renderLanes: 3 });
    try {
      assert.equal(model.laneCount, 1, 'handed out before the other lanes are ready');
      const curve = impactCurve(model.manifest.normalisation.mean, 40, 7);
      const early = sharedTarget(40 * model.hop);
      await model.renderInto(curve, 7, early);
      assert.equal(Atomics.load(early.ready, 0), 40 * model.hop, 'a render before the others joined is whole');
      await model.lanesJoined;
      assert.equal(model.laneCount, 3);
      assert.equal(model.laneFailure, undefined);
      const late = sharedTarget(40 * model.hop);
      await model.renderInto(curve, 7, late);
      assert.deepEqual(model.rendersPerLane.slice(1).reduce((a, b) => a + b, 0) > 0, true, 'the joined lanes take renders');
      assert.ok(maxAbsDiff(late.audio, early.audio) < 1e-4, 'the same samples on any lane');
    } finally {
      await model.dispose();
    }
  });

  it('a model disposed while its lanes join ends them too (no thread left running)', async () => {
    const model = await SincNsfModel.load(SHIPPED, { renderLanes: 2 });
    const joining = model.lanesJoined;
    await model.dispose();
    await joining;
    assert.equal(model.laneCount, 1, 'the late lane did not join a disposed model');
    await assert.rejects(model.render([model.manifest.normalisation.mean.slice(0, model.width)], 1));
  });
});
