import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { paths } from '../../../core/paths';
import { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';
import { DEFAULT_CHUNKS } from '../../../plugins/model-sinc-nsf/progressive-render';
import { importedModelDir, skipReason } from './fixture-model';
import { impactCurve, maxAbsDiff, rejectsWith, sharedTarget } from './render-helpers';

const SHIPPED = join(paths.models, 'sinc-nsf-impacts-v1');

type WaitAsync = (a: Int32Array, i: number, v: number, timeout: number) => { async: boolean; value: Promise<string> | string };

/** Every value of ready[0] this thread sees change to, until it reaches `total` or `stop` is set. */
async function watchReady(ready: Int32Array, total: number, stop: { now: boolean }): Promise<number[]> {
  const seen: number[] = [];
  let last = 0;
  while (last < total && !stop.now) {
    const w = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(ready, 0, last, 200);
    if (w.async) await w.value;
    const v = Atomics.load(ready, 0);
    if (v !== last) seen.push(v);
    last = v;
  }
  return seen;
}

for (const which of ['shipped', 'original'] as const) {
  describe(`model-sinc-nsf: renderInto (${which === 'shipped' ? 'models/sinc-nsf-impacts-v1' : 'the imported original checkpoint'})`, function () {
    this.timeout(300_000);
    let model: SincNsfModel;

    before(async function () {
      if (which === 'original') {
        const why = skipReason();
        if (why) { console.log(`    skipped: ${why}`); this.skip(); }
      }
      model = await SincNsfModel.load(which === 'shipped' ? SHIPPED : await importedModelDir());
    });
    after(async () => { await model?.dispose(); });

    it('stops after the chunk in progress when cancel[0] is set, resolving with ready short of the end', async function () {
      if (which !== 'shipped') this.skip();
      const curve = impactCurve(model.manifest.normalisation.mean, 200, 3);
      const target = { ...sharedTarget(200 * model.hop), cancel: new Int32Array(new SharedArrayBuffer(4)) };
      const rendering = model.renderInto(curve, 3, target);
      await watchReady(target.ready, 1, { now: false }); // resolves at the first publication
      // What was published when the cancel came (on a busy machine the watcher can wake a chunk or
      // two late): the render stops after the chunk in progress then, the next boundary at most.
      const seen = Atomics.load(target.ready, 0) / model.hop;
      Atomics.store(target.cancel, 0, 1);
      await rendering;
      const written = Atomics.load(target.ready, 0);
      const ends: number[] = [];
      for (let end = 0, chunk = DEFAULT_CHUNKS.firstFrames; end < 200; chunk = Math.min(DEFAULT_CHUNKS.laterFrames, chunk * 2)) ends.push((end += chunk));
      const next = ends.find((e) => e > seen)!;
      assert.ok(ends.includes(seen), `published at a chunk's end (${seen} frames; chunks end at ${ends.join(', ')})`);
      assert.ok(written > 0 && written <= next * model.hop && next < 200, `stopped after the chunk in progress: ${written / model.hop} frames, ${seen} published at the cancel, next chunk end ${next}`);
      assert.ok(target.audio.subarray(written).every((v) => v === 0), 'nothing written past ready');
      const offline = await model.render(curve, 3);
      assert.ok(maxAbsDiff(target.audio.subarray(0, written), offline.subarray(0, written)) < 1e-4, 'what was written is right');
    });

    it('a target cancelled before its first chunk starts is left unwritten (a queued render replaced in the meantime costs nothing)', async function () {
      if (which !== 'shipped') this.skip();
      const curve = impactCurve(model.manifest.normalisation.mean, 200, 3);
      const target = { ...sharedTarget(200 * model.hop), cancel: new Int32Array(new SharedArrayBuffer(4)) };
      Atomics.store(target.cancel, 0, 1);
      await model.renderInto(curve, 3, target);
      assert.equal(Atomics.load(target.ready, 0), 0);
      assert.ok(target.audio.every((v) => v === 0));
    });

    it('a target asking a longer first chunk (firstFrames, a loop grain\'s) is first published with that many frames, and holds the same samples', async function () {
      if (which !== 'shipped') this.skip();
      const curve = impactCurve(model.manifest.normalisation.mean, 60, 3);
      for (const firstFrames of [undefined, 5]) {
        const target = { ...sharedTarget(60 * model.hop), ...(firstFrames && { firstFrames }) };
        const rendering = model.renderInto(curve, 3, target);
        await watchReady(target.ready, 1, { now: false });
        const first = Atomics.load(target.ready, 0) / model.hop;
        await rendering;
        // The watcher may wake a chunk late on a busy machine: the first publication is the asked chunk, or the one after it.
        const want = firstFrames ?? DEFAULT_CHUNKS.firstFrames;
        assert.ok(first === want || first === want + 2 * want, `first published at ${first} frames, asked ${firstFrames ?? 'nothing'} (${want})`);
        assert.ok(maxAbsDiff(target.audio, await model.render(curve, 3)) < 1e-4, 'the same samples as render()');
      }
    });

    const lengths = which === 'shipped' ? [1, 8, 9, 41, 129, 300] : [9, 129];
    for (const frames of lengths) {
      it(`${frames} frames: the same samples as render() within 1e-4, ready ends at frames * hop`, async () => {
        const curve = impactCurve(model.manifest.normalisation.mean, frames, frames);
        const offline = await model.render(curve, frames);
        const target = sharedTarget(frames * model.hop);
        await model.renderInto(curve, frames, target);
        assert.equal(Atomics.load(target.ready, 0), frames * model.hop);
        const diff = maxAbsDiff(target.audio, offline);
        assert.ok(diff <= 1e-4, `max difference ${diff}`);
        assert.ok(offline.some((v) => v !== 0), 'the render is not silence');
      });
    }

    it('ready only grows, in whole frames, and ends at the total (seen from this thread)', async () => {
      const frames = 129;
      const target = sharedTarget(frames * model.hop);
      const stop = { now: false };
      const watching = watchReady(target.ready, frames * model.hop, stop);
      try {
        await model.renderInto(impactCurve(model.manifest.normalisation.mean, frames), 5, target);
      } finally {
        stop.now = true;
      }
      const seen = await watching;
      assert.equal(seen[seen.length - 1], frames * model.hop);
      seen.forEach((v, i) => {
        assert.equal(v % model.hop, 0, `published ${v}, not a whole frame`);
        if (i) assert.ok(v > seen[i - 1]!, `ready went from ${seen[i - 1]} to ${v}`);
      });
    });
  });
}

describe('model-sinc-nsf: renderInto with bad input', function () {
  this.timeout(300_000);
  let model: SincNsfModel;
  before(async () => { model = await SincNsfModel.load(SHIPPED); });
  after(async () => { await model?.dispose(); });

  it('NaN, infinite, wrong-width frames and T = 0 reject with NR_MODEL_DESCRIPTORS_INVALID, leaving the target untouched', async () => {
    const mean = model.manifest.normalisation.mean;
    const good = impactCurve(mean, 10);
    const cases: number[][][] = [[], [...good.slice(0, 3), [...mean.slice(0, 6), NaN]], [[Infinity, ...mean.slice(1)]], [mean.slice(0, 6)]];
    for (const frames of cases) {
      const target = sharedTarget(Math.max(1, frames.length) * model.hop);
      await rejectsWith(model.renderInto(frames, 1, target), 'NR_MODEL_DESCRIPTORS_INVALID');
      assert.equal(Atomics.load(target.ready, 0), 0);
      assert.ok(target.audio.every((v) => v === 0));
    }
  });

  it('a target of the wrong size, not shared, placed off the timeline, asking a first chunk of no whole frames or already used rejects with NR_USAGE', async () => {
    const curve = impactCurve(model.manifest.normalisation.mean, 10);
    const n = 10 * model.hop;
    await rejectsWith(model.renderInto(curve, 1, sharedTarget(n - 1)), 'NR_USAGE');
    for (const origin of [-1, 2.5, Number.NaN]) await rejectsWith(model.renderInto(curve, 1, { ...sharedTarget(n), origin }), 'NR_USAGE');
    for (const firstFrames of [0, 1.5, Number.NaN]) await rejectsWith(model.renderInto(curve, 1, { ...sharedTarget(n), firstFrames }), 'NR_USAGE');
    await rejectsWith(model.renderInto(curve, 1, { audio: new Float32Array(n), ready: new Int32Array(new SharedArrayBuffer(4)) }), 'NR_USAGE');
    await rejectsWith(model.renderInto(curve, 1, { audio: new Float32Array(new SharedArrayBuffer(n * 4)), ready: new Int32Array(1) }), 'NR_USAGE');
    const used = sharedTarget(n);
    await model.renderInto(curve, 1, used);
    await rejectsWith(model.renderInto(curve, 1, used), 'NR_USAGE');
  });

  it('an ended stream with no frames rejects with NR_MODEL_DESCRIPTORS_INVALID', async () => {
    const stream = model.stream(1);
    stream.end();
    await rejectsWith(stream.pull(), 'NR_MODEL_DESCRIPTORS_INVALID');
  });

  it('after all of that the model still renders, progressively and offline, the same samples', async () => {
    const curve = impactCurve(model.manifest.normalisation.mean, 50);
    const target = sharedTarget(50 * model.hop);
    await model.renderInto(curve, 9, target);
    const offline = await model.render(curve, 9);
    assert.ok(maxAbsDiff(target.audio, offline) <= 1e-4);
    assert.ok(target.audio.every(Number.isFinite));
  });
});

describe('model-sinc-nsf: render lanes', function () {
  this.timeout(120_000);

  /** Progressive renders each lane was given, for a run of two renders at once and then one more. */
  const expected: Record<number, { both: number[]; after: number[] }> = {
    1: { both: [2], after: [3] },
    // the first lane takes a render's first chunk and another its rest; a render asked for while
    // the first lane is on a first chunk goes whole to another lane whose thread is free (empty,
    // or holding only rests still waiting for their first chunks), the emptiest first
    2: { both: [1, 2], after: [2, 3] },
    // with three, the last is kept for urgent first chunks (a stepped gate's): these renders are not
    3: { both: [1, 2, 0], after: [2, 3, 0] },
  };
  for (const lanes of [1, 2, 3]) {
    it(`${lanes} lane(s): two renders at once ${['share the one model thread', 'run their first chunks side by side: the first on the first lane, the second whole on the other (its only request, the first render\'s rest, holds no thread until that first chunk is written)', 'run their first chunks side by side as with two, the third lane (kept for urgent first chunks) left alone'][lanes - 1]}, and both equal render()`, async () => {
      const model = await SincNsfModel.load(SHIPPED, { renderLanes: lanes });
      try {
        assert.equal(model.laneCount, lanes);
        const long = impactCurve(model.manifest.normalisation.mean, 300, 5);
        const short = impactCurve(model.manifest.normalisation.mean, 20, 6);
        const a = sharedTarget(300 * model.hop);
        const b = sharedTarget(20 * model.hop);
        await Promise.all([model.renderInto(long, 5, a), model.renderInto(short, 6, b)]);
        assert.deepEqual(model.rendersPerLane, expected[lanes]!.both);
        assert.equal(Atomics.load(a.ready, 0), 300 * model.hop);
        assert.equal(Atomics.load(b.ready, 0), 20 * model.hop);
        assert.ok(maxAbsDiff(a.audio, await model.render(long, 5)) < 1e-4);
        assert.ok(maxAbsDiff(b.audio, await model.render(short, 6)) < 1e-4);
        await model.renderInto(short, 6, sharedTarget(20 * model.hop));
        assert.deepEqual(model.rendersPerLane, expected[lanes]!.after);
      } finally {
        await model.dispose();
      }
    });
  }

  it('two lanes: a render asked for right after the one on the first lane was cancelled (a gate hurrying past it) goes whole to the other lane, where only the stale render\'s rest waits', async () => {
    const model = await SincNsfModel.load(SHIPPED, { renderLanes: 2 });
    try {
      const curve = impactCurve(model.manifest.normalisation.mean, 60, 3);
      const stale = { ...sharedTarget(60 * model.hop), cancel: new Int32Array(new SharedArrayBuffer(4)) };
      const staleDone = model.renderInto(curve, 3, stale);
      Atomics.store(stale.cancel, 0, 1); // replaced before it was heard
      const fresh = sharedTarget(60 * model.hop);
      await Promise.all([staleDone, model.renderInto(curve, 4, fresh)]);
      assert.deepEqual(model.rendersPerLane, [1, 2], 'the stale render split over both lanes, the fresh one whole on the second');
      assert.equal(Atomics.load(fresh.ready, 0), 60 * model.hop);
      assert.ok(maxAbsDiff(fresh.audio, await model.render(curve, 4)) < 1e-4);
    } finally {
      await model.dispose();
    }
  });

  it('three lanes: an urgent render (a stepped gate waits for it) writes its first chunk on the last lane, kept for those, when the first lane holds other work, else on the first; others and offline renders never use the last lane', async () => {
    const model = await SincNsfModel.load(SHIPPED, { renderLanes: 3 });
    try {
      const curve = impactCurve(model.manifest.normalisation.mean, 60, 8);
      const other = impactCurve(model.manifest.normalisation.mean, 60, 9);
      const busy = sharedTarget(60 * model.hop);
      const urgent = { ...sharedTarget(60 * model.hop), urgent: true };
      await Promise.all([model.renderInto(other, 9, busy), model.renderInto(curve, 8, urgent)]);
      assert.deepEqual(model.rendersPerLane, [1, 2, 1], 'the first render split over the first two lanes; the urgent one\'s first chunk on the third, its rest on the second');
      assert.ok(maxAbsDiff(urgent.audio, await model.render(curve, 8)) < 1e-4);
      assert.ok(maxAbsDiff(busy.audio, await model.render(other, 9)) < 1e-4);
      await model.renderInto(curve, 8, { ...sharedTarget(60 * model.hop), urgent: true });
      assert.deepEqual(model.rendersPerLane, [2, 3, 1], 'with the first lane free, an urgent first chunk takes it (its session is the warm one)');
      const before = [...model.rendersPerLane];
      await Promise.all([model.renderInto(curve, 8, sharedTarget(60 * model.hop)), model.renderInto(other, 9, sharedTarget(60 * model.hop))]);
      // Side by side ([1, 2, 0]) unless the first render's first chunk was written before the
      // second was asked for (a loaded machine can hold this thread that long: then the second
      // lane computes and the second render splits, [2, 2, 0]); never on the kept lane.
      const added = model.rendersPerLane.map((n, i) => n - before[i]!);
      assert.equal(added[2], 0, 'renders nobody waits for never use the lane kept for urgent chunks');
      assert.ok(added[1] === 2 && added[0]! >= 1 && added[0]! <= 2, `the second render whole on the second lane, or split there: ${added}`);
    } finally {
      await model.dispose();
    }
  });

  it('three lanes: a sounding voice\'s part (the CVs moved under it) writes a first chunk of 4 frames, queued on the first lane when the others hold work, and leaves the kept lane to urgent ones', async () => {
    const model = await SincNsfModel.load(SHIPPED, { renderLanes: 3 });
    try {
      const mean = model.manifest.normalisation.mean;
      const region = sharedTarget(60 * model.hop);
      const older = sharedTarget(60 * model.hop);
      const from = 20;
      const voice = { ...sharedTarget(40 * model.hop), from, sounding: true };
      const stop = { now: false };
      const voiceCounts = watchReady(voice.ready, 40 * model.hop, stop);
      const curve = impactCurve(mean, 60, 3);
      // The region's first chunk on the first lane, its rest waiting on the second; a render asked
      // for meanwhile goes whole to the second (it holds that thread); the voice's part finds both busy.
      const done = [model.renderInto(curve, 3, region), model.renderInto(impactCurve(mean, 60, 4), 4, older), model.renderInto(curve, 3, voice)];
      assert.deepEqual(model.rendersPerLane, [2, 3, 0], 'region split over the first two lanes, the older render whole on the second, the voice\'s first chunk behind the region\'s on the first and its rest on the second');
      const urgent = { ...sharedTarget(60 * model.hop), urgent: true };
      done.push(model.renderInto(impactCurve(mean, 60, 5), 5, urgent));
      assert.deepEqual(model.rendersPerLane, [2, 4, 1], 'the urgent first chunk on the kept lane, its rest on the second');
      await Promise.all(done);
      stop.now = true;
      const counts = await voiceCounts;
      assert.equal(counts[0], 4 * model.hop, `the voice's part published ${counts.join(', ')}: its first chunk is 4 frames (93 ms of sound ahead of the voice)`);
      const whole = await model.render(curve, 3);
      assert.ok(maxAbsDiff(voice.audio, whole.subarray(from * model.hop)) < 1e-4, 'the part is the whole render\'s samples from its frame');
      assert.ok(maxAbsDiff(region.audio, whole) < 1e-4);
      assert.ok(maxAbsDiff(urgent.audio, await model.render(impactCurve(mean, 60, 5), 5)) < 1e-4);
    } finally {
      await model.dispose();
    }
  });

  it('two lanes: ready only grows, in whole frames, to the total, though the rest may finish a chunk before the first chunk is written', async () => {
    const model = await SincNsfModel.load(SHIPPED, { renderLanes: 2 });
    try {
      for (const frames of [3, 4, 5, 129]) {
        const target = sharedTarget(frames * model.hop);
        const stop = { now: false };
        const watching = watchReady(target.ready, frames * model.hop, stop);
        try {
          await model.renderInto(impactCurve(model.manifest.normalisation.mean, frames, 2), 5, target);
        } finally {
          stop.now = true;
        }
        const seen = await watching;
        assert.equal(seen[seen.length - 1], frames * model.hop, `${frames} frames`);
        seen.forEach((v, i) => {
          assert.equal(v % model.hop, 0, `published ${v}, not a whole frame`);
          if (i) assert.ok(v > seen[i - 1]!, `ready went from ${seen[i - 1]} to ${v}`);
        });
      }
    } finally {
      await model.dispose();
    }
  });
});

describe('model-sinc-nsf: renderInto a part of a render (target.from)', function () {
  this.timeout(120_000);
  for (const lanes of [1, 2]) {
    it(`${lanes} lane(s): frames [from, to) are the same samples as in the whole render, whatever the part`, async () => {
      const model = await SincNsfModel.load(SHIPPED, { renderLanes: lanes });
      try {
        const frames = 200;
        const curve = impactCurve(model.manifest.normalisation.mean, frames, 4);
        const whole = await model.render(curve, 4);
        // Parts past the randomness prefix (80 frames) jump the generator over what they skip.
        for (const [from, to] of [[0, 10], [7, 120], [40, 45], [90, 120], [119, 120], [1, 2], [180, 200], [150, 153]] as const) {
          const target = { ...sharedTarget((to - from) * model.hop), from };
          await model.renderInto(curve, 4, target);
          assert.equal(Atomics.load(target.ready, 0), (to - from) * model.hop, `[${from}, ${to}) fully written`);
          const diff = maxAbsDiff(target.audio, whole.subarray(from * model.hop, to * model.hop));
          assert.ok(diff <= 1e-4, `[${from}, ${to}): max difference ${diff}`);
        }
      } finally {
        await model.dispose();
      }
    });
  }

  it('a part outside the curve, or not of whole frames, rejects with NR_USAGE and writes nothing', async () => {
    const model = await SincNsfModel.load(SHIPPED);
    try {
      const curve = impactCurve(model.manifest.normalisation.mean, 10);
      for (const [from, samples] of [[10, model.hop], [-1, model.hop], [1.5, model.hop], [8, 3 * model.hop], [2, model.hop + 1]] as const) {
        const target = { ...sharedTarget(samples), from };
        await rejectsWith(model.renderInto(curve, 1, target), 'NR_USAGE');
        assert.equal(Atomics.load(target.ready, 0), 0);
      }
    } finally {
      await model.dispose();
    }
  });
});
