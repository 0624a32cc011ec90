import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { paths } from '../../../core/paths';
import { ONE_PASS_FRAMES, renderBounded } from '../../../plugins/model-sinc-nsf/blocked-render';
import { readVerifiedFiles } from '../../../core/model-runtime/verified-files';
import { modelSizes, type GraphRunner } from '../../../plugins/model-sinc-nsf/graph-runner';
import { readModelManifest } from '../../../plugins/model-sinc-nsf/model-manifest';
import { renderOffline } from '../../../plugins/model-sinc-nsf/offline-render';
import { createSession } from '../../../plugins/model-sinc-nsf/session';
import { SessionRunner } from '../../../plugins/model-sinc-nsf/session-runner';
import { impactCurve, maxAbsDiff } from './render-helpers';

const SHIPPED = join(paths.models, 'sinc-nsf-impacts-v1');

/** Wraps a runner, recording the length of every pass of the graph. */
function counting(inner: GraphRunner): GraphRunner & { windows: number[] } {
  const windows: number[] = [];
  return { ...inner, windows, run: (desc, t, phase, harmonic, excitation, sampleStart) => (windows.push(t), inner.run(desc, t, phase, harmonic, excitation, sampleStart)) };
}

/**
 * Issue #27: an offline render (an audition, `neurorack render`) ran the whole curve in one pass,
 * so the runtime's memory grew with the curve (about 0.45 MB a frame, kept for the next render).
 */
describe('model-sinc-nsf: offline renders in bounded passes (in-process, the code the worker runs)', function () {
  this.timeout(300_000);
  let runner: SessionRunner;
  let mean: number[];

  before(async () => {
    const manifest = readModelManifest(SHIPPED);
    const bytes = readVerifiedFiles(SHIPPED, manifest).get('model.onnx')!;
    runner = new SessionRunner(await createSession(bytes, manifest, SHIPPED), modelSizes(manifest), SHIPPED);
    mean = manifest.normalisation.mean;
  });
  after(async () => { await runner?.release(); });

  const pack = (frames: number[][]) => Float32Array.from(frames.flat());

  it(`a 512-frame curve runs in passes of at most ${ONE_PASS_FRAMES} frames and their context, equal to the one-pass render within 1e-4`, async () => {
    const frames = 512;
    const rec = counting(runner);
    const bounded = await renderBounded(rec, pack(impactCurve(mean, frames)), frames, 9);
    const bound = ONE_PASS_FRAMES + runner.leftFrames + runner.rightFrames;
    assert.ok(rec.windows.length >= Math.ceil(frames / ONE_PASS_FRAMES), `${rec.windows.length} passes`);
    rec.windows.forEach((t) => assert.ok(t <= bound, `a pass of ${t} frames (bound ${bound})`));
    const offline = await renderOffline(runner, pack(impactCurve(mean, frames)), frames, 9);
    assert.equal(bounded.length, frames * runner.hop);
    const diff = maxAbsDiff(bounded, offline);
    assert.ok(diff <= 1e-4, `max difference ${diff}`);
  });

  it(`a curve of at most ${ONE_PASS_FRAMES} frames is one pass, the same samples as before`, async () => {
    const frames = ONE_PASS_FRAMES;
    const rec = counting(runner);
    const bounded = await renderBounded(rec, pack(impactCurve(mean, frames)), frames, 4);
    assert.deepEqual(rec.windows, [frames]);
    assert.equal(maxAbsDiff(bounded, await renderOffline(runner, pack(impactCurve(mean, frames)), frames, 4)), 0);
  });
});
