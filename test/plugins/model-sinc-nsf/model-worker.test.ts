import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId as mainThreadId } from 'node:worker_threads';
import { paths } from '../../../core/paths';
import { readModelManifest } from '../../../plugins/model-sinc-nsf/model-manifest';
import { startModelWorker } from '../../../plugins/model-sinc-nsf/model-worker-client';
import { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';
import { impactCurve, rejectsWith, sharedTarget } from './render-helpers';

const SHIPPED = join(paths.models, 'sinc-nsf-impacts-v1');

describe('model-sinc-nsf: the model worker', function () {
  this.timeout(300_000);

  it('renders off the main thread: a whole renderInto completes while this thread is blocked in Atomics.wait', async () => {
    const model = await SincNsfModel.load(SHIPPED);
    try {
      assert.ok(model.threadId > 0 && model.threadId !== mainThreadId, `worker thread ${model.threadId}, main ${mainThreadId}`);
      const frames = 129;
      const total = frames * model.hop;
      const target = sharedTarget(total);
      const done = model.renderInto(impactCurve(model.manifest.normalisation.mean, frames), 2, target);
      // No event loop turns from here on: were any of the work on this thread, ready could not move.
      const giveUp = Date.now() + 120_000;
      for (let v = Atomics.load(target.ready, 0); v < total && Date.now() < giveUp; v = Atomics.load(target.ready, 0)) {
        Atomics.wait(target.ready, 0, v, 1000);
      }
      assert.equal(Atomics.load(target.ready, 0), total, 'the render did not progress while the main thread was blocked');
      await done;
      assert.ok(target.audio.some((v) => v !== 0));
    } finally {
      await model.dispose();
    }
  });

  it('dispose() lets a render in flight stop at its cancel, releases the session in the worker, ends it, and refuses later renders', async () => {
    const model = await SincNsfModel.load(SHIPPED);
    assert.ok(model.threadId > 0);
    const frames = 400;
    const target = { ...sharedTarget(frames * model.hop), cancel: new Int32Array(new SharedArrayBuffer(4)) };
    const inFlight = model.renderInto(impactCurve(model.manifest.normalisation.mean, frames), 1, target);
    Atomics.store(target.cancel, 0, 1);
    await model.dispose();
    assert.equal(model.threadId, -1, 'no worker thread after dispose');
    await inFlight;
    assert.ok(Atomics.load(target.ready, 0) < frames * model.hop, 'the render stopped at its cancel');
    await rejectsWith(model.render(impactCurve(model.manifest.normalisation.mean, 4), 1), 'NR_MODEL_RENDER_FAILED');
  });

  describe('a worker that crashes (fault injected by a stand-in worker)', function () {
    this.timeout(30_000); // a hang fails here rather than after minutes
    const init = () => {
      const manifest = readModelManifest(SHIPPED);
      return { onnx: readFileSync(join(SHIPPED, 'model.onnx')), manifest, file: join(SHIPPED, 'model.onnx'), dir: SHIPPED };
    };
    const fake = join(__dirname, 'crashing-worker.js');
    const desc = () => new Float32Array(7 * 2);

    for (const [how, seed] of [['throws', 13], ['exits', 14]] as const) {
      it(`${how}: the waiting render rejects with NR_MODEL_RENDER_FAILED, the next one runs in a fresh worker`, async () => {
        const client = await startModelWorker(init(), fake);
        try {
          const first = client.threadId;
          const other = client.request({ op: 'render', desc: desc(), t: 2, seed: 1 });
          await rejectsWith(client.request({ op: 'render', desc: desc(), t: 2, seed }), 'NR_MODEL_RENDER_FAILED');
          assert.equal((await other).length, 2 * 512, 'a request answered before the crash resolves');
          const again = await client.request({ op: 'render', desc: desc(), t: 3, seed: 2 });
          assert.equal(again.length, 3 * 512);
          assert.ok(client.threadId > 0 && client.threadId !== first, 'a fresh worker');
        } finally {
          await client.dispose();
        }
      });
    }

    it('requests waiting on a crashed worker all reject, none hangs', async () => {
      const client = await startModelWorker(init(), fake);
      try {
        const waiting = [client.request({ op: 'render', desc: desc(), t: 2, seed: 13 }), client.request({ op: 'render', desc: desc(), t: 2, seed: 13 })];
        for (const p of waiting) await rejectsWith(p, 'NR_MODEL_RENDER_FAILED');
      } finally {
        await client.dispose();
      }
    });
  });
});
