import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../../core/paths';
import { provides } from '../../../plugins/model-sinc-nsf';
import type { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';
import { impactCurve, maxAbsDiff, sharedTarget } from './render-helpers';

const SHIPPED = join(paths.models, 'sinc-nsf-impacts-v1');
const runtime = provides['sinc-nsf']!;
const threads = (): number => readdirSync('/proc/self/task').length;

describe('model-sinc-nsf: the host\'s runtime adds render lanes after it loads', function () {
  this.timeout(120_000);

  it('resolves with one lane, renders on it at once, and the second joins warm: renders then split as with two lanes', async () => {
    const model = (await runtime.load(SHIPPED, { renderLanes: 2 })) as SincNsfModel;
    try {
      assert.equal(model.laneCount, 1, 'playable on one lane; the other still starting');
      const curve = impactCurve(model.manifest.normalisation.mean, 40, 3);
      const first = sharedTarget(40 * model.hop);
      await model.renderInto(curve, 3, first);
      assert.equal(Atomics.load(first.ready, 0), 40 * model.hop, 'a render while the lane is added is written whole');
      await model.lanesAdded();
      assert.equal(model.laneCount, 2);
      assert.deepEqual(model.laneFailures, []);
      const second = sharedTarget(40 * model.hop);
      const before = [...model.rendersPerLane];
      await model.renderInto(curve, 3, second);
      assert.deepEqual(model.rendersPerLane.map((n, i) => n - (before[i] ?? 0)), [1, 1], 'first chunk on the first lane, the rest on the one added');
      assert.ok(maxAbsDiff(first.audio, second.audio) < 1e-4, 'the same render on one lane and on two');
    } finally {
      await model.dispose();
    }
  });

  it('a model disposed while its lane is being added ends that lane too: no thread is left behind', async () => {
    const before = threads();
    const model = (await runtime.load(SHIPPED, { renderLanes: 3 })) as SincNsfModel;
    await model.dispose();
    await model.lanesAdded();
    assert.equal(model.laneCount, 1, 'no lane joined a disposed model');
    // Worker threads end asynchronously once terminated: give them a moment.
    const until = performance.now() + 5000;
    while (threads() > before && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.ok(threads() <= before, `threads before ${before}, after dispose ${threads()}`);
  });
});
