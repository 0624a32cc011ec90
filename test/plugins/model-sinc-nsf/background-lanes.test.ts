import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../../core/paths';
import { provides } from '../../../plugins/model-sinc-nsf';
import type { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';
import { impactCurve, maxAbsDiff, sharedTarget } from './render-helpers';
import { THREAD_NICENESS } from '../../../core/scheduler/thread-priority';
import { allThreadNices } from '../../helpers/thread-nice';

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

  it('once its lanes have joined, the first rests at a first chunk\'s priority and the one kept for urgent chunks at theirs; one lane alone rests at the model\'s', async function () {
    // Raising a priority needs CAP_SYS_NICE (root here; rtkit or limits.conf on a module).
    if (process.platform !== 'linux' || process.getuid?.() !== 0) this.skip();
    const count = (nice: number) => allThreadNices().filter((n) => n === nice).length;
    const model = (await runtime.load(SHIPPED, { renderLanes: 3 })) as SincNsfModel;
    try {
      assert.equal(count(THREAD_NICENESS.firstChunk) + count(THREAD_NICENESS.urgentChunk), 0, 'one lane writes everything: it rests at the model\'s priority');
      await model.lanesAdded();
      assert.equal(model.laneCount, 3);
      const until = performance.now() + 2000; // each lane is told, then sets its own priority
      while ((count(THREAD_NICENESS.firstChunk) < 1 || count(THREAD_NICENESS.urgentChunk) < 1) && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
      assert.equal(count(THREAD_NICENESS.firstChunk), 1, `threads' nice values: ${allThreadNices().join(' ')}`);
      assert.equal(count(THREAD_NICENESS.urgentChunk), 1, `threads' nice values: ${allThreadNices().join(' ')}`);
      assert.ok(count(THREAD_NICENESS.model) >= 1, 'the lane that writes the rest of renders rests at the model\'s priority');
      const target = sharedTarget(40 * model.hop);
      await model.renderInto(impactCurve(model.manifest.normalisation.mean, 40, 3), 3, { ...target, urgent: true });
      assert.equal(Atomics.load(target.ready, 0), 40 * model.hop, 'and they render as before');
      assert.equal(count(THREAD_NICENESS.firstChunk), 1, 'back at rest where they were');
      assert.equal(count(THREAD_NICENESS.urgentChunk), 1);
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
