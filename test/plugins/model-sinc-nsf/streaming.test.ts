import { strict as assert } from 'node:assert';
import { importedModelDir, skipReason } from './fixture-model';
import { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';

function curve(frames: number): number[][] {
  return Array.from({ length: frames }, (_, i) => [0.1 + 0.05 * Math.sin(i / 5), 0.05, 1700 + 300 * Math.cos(i / 7), 0.1, 1000, 900, 60 + 3 * (i % 20)]);
}

describe('model-sinc-nsf: streaming', function () {
  this.timeout(300_000);
  let model: SincNsfModel;

  before(async function () {
    const why = skipReason();
    if (why) { console.log(`    skipped: ${why}`); this.skip(); }
    model = await SincNsfModel.load(await importedModelDir());
  });
  after(async () => { await model?.dispose(); });

  for (const [blockFrames, pushBy] of [[16, 3], [4, 1], [7, 50]] as const) {
    it(`blocks of ${blockFrames} frames (pushed ${pushBy} at a time) equal the offline render within 1e-4`, async () => {
      const frames = curve(90);
      const offline = await model.render(frames, 42);
      const stream = model.stream(42, { blockFrames });
      const out: number[] = [];
      for (let i = 0; i < frames.length; i += pushBy) {
        stream.push(frames.slice(i, i + pushBy));
        for (let b = await stream.pull(); b; b = await stream.pull()) {
          assert.ok(stream.framesIn - stream.framesOut + b.length / model.hop <= blockFrames + stream.latencyFrames + pushBy, 'latency bounded');
          out.push(...b);
        }
      }
      stream.end();
      for (let b = await stream.pull(); b; b = await stream.pull()) out.push(...b);
      assert.ok(stream.done);
      assert.equal(out.length, offline.length);
      let max = 0;
      for (let i = 0; i < out.length; i++) max = Math.max(max, Math.abs(out[i]! - offline[i]!));
      assert.ok(max <= 1e-4, `max difference ${max}`);
    });
  }

  it('renders are reproducible by seed and differ across seeds', async () => {
    const frames = curve(10);
    const a = await model.render(frames, 5);
    const b = await model.render(frames, 5);
    const c = await model.render(frames, 6);
    assert.deepEqual(Array.from(a), Array.from(b));
    assert.notDeepEqual(Array.from(a), Array.from(c));
  });
});
