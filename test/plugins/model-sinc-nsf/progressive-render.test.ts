import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { paths } from '../../../core/paths';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { readVerifiedFiles } from '../../../core/model-runtime/verified-files';
import { FirstChunkGate } from '../../../core/model-runtime/first-chunk-gate';
import { modelSizes, type GraphRunner } from '../../../plugins/model-sinc-nsf/graph-runner';
import { readModelManifest } from '../../../plugins/model-sinc-nsf/model-manifest';
import { renderOffline } from '../../../plugins/model-sinc-nsf/offline-render';
import { DEFAULT_CHUNKS, renderProgressively } from '../../../plugins/model-sinc-nsf/progressive-render';
import { createSession } from '../../../plugins/model-sinc-nsf/session';
import { SessionRunner } from '../../../plugins/model-sinc-nsf/session-runner';
import { impactCurve, maxAbsDiff, rejectsWith, sharedTarget } from './render-helpers';

const SHIPPED = join(paths.models, 'sinc-nsf-impacts-v1');

/** Wraps a runner: records ready[0], the window length and the filters' window (frames) at every run, optionally fails run `failAt`. */
function recording(inner: GraphRunner, ready: Int32Array, failAt = Infinity): GraphRunner & { readyAtRun: number[]; windows: number[]; sampleFrames: number[] } {
  const readyAtRun: number[] = [];
  const windows: number[] = [];
  const sampleFrames: number[] = [];
  return {
    ...inner, readyAtRun, windows, sampleFrames,
    run(desc, t, phase, harmonic, excitation, sampleStart) {
      readyAtRun.push(Atomics.load(ready, 0));
      windows.push(t);
      sampleFrames.push(excitation.length / inner.hop);
      if (windows.length === failAt) return Promise.reject(new NeurorackError('NR_MODEL_RENDER_FAILED', 'injected'));
      return inner.run(desc, t, phase, harmonic, excitation, sampleStart);
    },
  };
}

describe('model-sinc-nsf: progressive rendering (in-process, the code the worker runs)', function () {
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

  it('publishes after every chunk: first at most 8 frames, then growing, each window bounded by its chunk and context', async () => {
    const frames = 129;
    const desc = pack(impactCurve(mean, frames));
    const target = sharedTarget(frames * runner.hop);
    const rec = recording(runner, target.ready);
    await renderProgressively(rec, desc, frames, 3, target.audio, target.ready);
    const published = [...rec.readyAtRun.slice(1), Atomics.load(target.ready, 0)];
    assert.equal(published.length, rec.windows.length, 'one publication per run');
    assert.ok(published[0]! > 0 && published[0]! <= 8 * runner.hop, `first publication at ${published[0]} samples`);
    published.forEach((v, i) => { if (i) assert.ok(v > published[i - 1]!, `ready went from ${published[i - 1]} to ${v}`); });
    assert.equal(published[published.length - 1], frames * runner.hop);
    const bound = runner.leftFrames + DEFAULT_CHUNKS.laterFrames + runner.rightFrames;
    rec.windows.forEach((t) => assert.ok(t <= bound, `a window of ${t} frames (bound ${bound})`));
    // The shipped graph runs its filters on the chunk and their own context only: the first chunk
    // (no left context at the start of the sound) on itself and the level stage's two frames.
    const sw = runner.sampleWindow!;
    assert.ok(sw, 'the shipped model declares a sample window');
    assert.equal(rec.sampleFrames[0], published[0]! / runner.hop + sw.right, `the first chunk's filters ran on ${rec.sampleFrames[0]} frames`);
    rec.sampleFrames.forEach((n, i) => assert.ok(n <= sw.left + DEFAULT_CHUNKS.laterFrames + sw.right && n < rec.windows[i]!, `run ${i}: filters on ${n} of ${rec.windows[i]} frames`));
    const offline = await renderOffline(runner, desc, frames, 3);
    const diff = maxAbsDiff(target.audio, offline);
    assert.ok(diff <= 1e-4, `max difference ${diff}`);
  });

  it('a failing chunk rejects and leaves ready at the last chunk fully written', async () => {
    const frames = 129;
    const target = sharedTarget(frames * runner.hop);
    const rec = recording(runner, target.ready, 3);
    await rejectsWith(renderProgressively(rec, pack(impactCurve(mean, frames)), frames, 3, target.audio, target.ready), 'NR_MODEL_RENDER_FAILED');
    assert.equal(Atomics.load(target.ready, 0), rec.readyAtRun[2]);
    assert.ok(rec.readyAtRun[2]! > 0);
    assert.ok(target.audio.subarray(rec.readyAtRun[2]!).every((v) => v === 0), 'nothing written past ready');
  });

  it('the first chunk of a new render goes before the later chunks of one already running', async () => {
    // A runner whose runs finish when the test says (or at once, once `auto` is set), logging which render asked.
    const calls: Array<{ who: number; finish: () => void }> = [];
    let auto = false;
    const controlled = (who: number): GraphRunner => ({
      ...runner,
      run: (_d, t) => new Promise((resolve) => {
        const finish = () => resolve(new Float32Array(t * runner.hop));
        if (auto) finish(); else calls.push({ who, finish });
      }),
    });
    const settle = () => new Promise((r) => setImmediate(r));
    const pending: boolean[] = [];
    const gate = new FirstChunkGate((p) => pending.push(p));
    const frames = 100;
    const a = sharedTarget(frames * runner.hop);
    const b = sharedTarget(frames * runner.hop);
    const renderA = renderProgressively(controlled(1), pack(impactCurve(mean, frames)), frames, 1, a.audio, a.ready, DEFAULT_CHUNKS, gate);
    await settle();
    calls[0]!.finish(); // A's first chunk
    await settle();
    assert.deepEqual(calls.map((c) => c.who), [1, 1], 'A went on to its second chunk');
    const renderB = renderProgressively(controlled(2), pack(impactCurve(mean, frames)), frames, 2, b.audio, b.ready, DEFAULT_CHUNKS, gate);
    await settle();
    calls[1]!.finish(); // A's second chunk, already running when B arrived
    await settle();
    assert.deepEqual(calls.map((c) => c.who), [1, 1, 2], 'A holds back while B\'s first chunk waits');
    calls[2]!.finish();
    await settle();
    assert.ok(Atomics.load(b.ready, 0) > 0 && Atomics.load(b.ready, 0) <= 8 * runner.hop);
    assert.deepEqual(calls.slice(3).map((c) => c.who).sort(), [1, 2], 'then both go on');
    auto = true;
    for (const c of calls.slice(3)) c.finish();
    await Promise.all([renderA, renderB]);
    assert.equal(Atomics.load(a.ready, 0), frames * runner.hop);
    assert.equal(Atomics.load(b.ready, 0), frames * runner.hop);
    assert.deepEqual(pending, [true, false, true, false], 'told when first chunks start to wait or run, and when none is left (the worker raises its priority for them)');
  });
});
