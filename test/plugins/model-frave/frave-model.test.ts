import { strict as assert } from 'node:assert';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { threadId as mainThreadId } from 'node:worker_threads';
import { FraveModel } from '../../../plugins/model-frave/frave-model';
import { maxAbsDiff, rejectsWith, sharedTarget } from '../model-sinc-nsf/render-helpers';
import { decayCurve, freshTimbresDir, rms, SHIPPED } from './frave-helpers';
import { DESCRIPTOR_ORDER } from '../../../core/descriptors/descriptor-matrix';

describe('model-frave: the shipped folder through the runtime', function () {
  this.timeout(120_000);
  let model: FraveModel;
  let timbres: ReturnType<typeof freshTimbresDir>;
  const T = 70;
  let curve: number[][];
  let whole: Float32Array;

  before(async () => {
    timbres = freshTimbresDir();
    // A user timbre far from the training latents: the runtime must hand the latent to the graph.
    mkdirSync(join(timbres.dir, 'frave-impacts-v1'), { recursive: true });
    const far = { format: 'neurorack-timbre', version: 1, name: 'far', source: 'test', frames: 2, latent: [new Array(8).fill(2), new Array(8).fill(-2)] };
    writeFileSync(join(timbres.dir, 'frave-impacts-v1', 'far.json'), JSON.stringify(far));
    model = await FraveModel.load(SHIPPED); // replays the golden vector in its calls, decoder and encoder
    curve = decayCurve(model.neutralFrame, T);
    whole = await model.render(curve, 11);
  });
  after(async () => {
    await model?.dispose();
    timbres.restore();
  });

  it('loads on a worker thread with its manifest, golden vector and timbres: the shipped ones first (the first is the default), then the user\'s', () => {
    assert.ok(model.threadId > 0 && model.threadId !== mainThreadId);
    assert.equal(model.id, 'frave-impacts-v1');
    assert.equal(model.lookaheadFrames, 0);
    assert.deepEqual(model.descriptorNames, [...DESCRIPTOR_ORDER]);
    assert.deepEqual(model.timbres.map((t) => t.name), ['metal', 'boom', 'debris', 'glass', 'membrane', 'noise', 'tail', 'wood', 'far']);
    assert.deepEqual(model.timbres.map((t) => t.origin), [...new Array(8).fill('shipped'), 'user']);
    assert.equal(model.timbre, 'metal');
  });

  it('renders frames x hop finite, non-silent samples, the same for the same seed, other noise for another', async () => {
    assert.equal(whole.length, T * 512);
    assert.ok(whole.every(Number.isFinite));
    assert.ok(rms(whole) > 1e-3, `rms ${rms(whole)}`);
    assert.equal(maxAbsDiff(await model.render(curve, 11), whole), 0);
    assert.ok(maxAbsDiff(await model.render(curve, 12), whole) > 1e-4);
  });

  for (const from of [0, 5, 30, 69]) {
    it(`renderInto from frame ${from} writes the whole render's samples (within 1e-4), published chunk by chunk`, async () => {
      const target = { ...sharedTarget((T - from) * 512), from };
      const seen: number[] = [];
      const done = model.renderInto(curve, 11, target);
      for (let v = 0; v < target.audio.length; v = Atomics.load(target.ready, 0)) {
        await new Promise((r) => setTimeout(r, 0));
        if (Atomics.load(target.ready, 0) !== v) seen.push(Atomics.load(target.ready, 0));
        if (seen.length > 200) break;
      }
      await done;
      assert.equal(Atomics.load(target.ready, 0), target.audio.length);
      assert.ok(seen.every((n) => n % 512 === 0), 'ready counts whole frames');
      const err = maxAbsDiff(target.audio, whole.subarray(from * 512));
      assert.ok(err <= 1e-4, `max error ${err}`);
    });
  }

  it('a cancelled renderInto stops after the chunk it is on and resolves, leaving ready short', async () => {
    const target = { ...sharedTarget(T * 512), cancel: new Int32Array(new SharedArrayBuffer(4)) };
    const done = model.renderInto(curve, 11, target);
    Atomics.store(target.cancel, 0, 1);
    await done;
    assert.ok(Atomics.load(target.ready, 0) < T * 512);
  });

  it('a voice\'s first chunk asked a moment after others (a stepped gate after a CV step) is written before theirs; one stopped before its first chunk writes none', async () => {
    // Three renders from frames with context to decode first (a seed no earlier render left states
    // for), the last urgent (a voice waits for it).
    const later = (from: number) => ({ ...sharedTarget((T - from) * 512), from, cancel: new Int32Array(new SharedArrayBuffer(4)) });
    const a = later(30);
    const b = later(40);
    const gate = { ...later(50), urgent: true };
    const order: string[] = [];
    const watch = (name: string, t: { ready: Int32Array }) => (async () => {
      while (Atomics.load(t.ready, 0) === 0) await new Promise((r) => setTimeout(r, 0));
      order.push(name);
    })();
    const renders = [model.renderInto(curve, 13, a), model.renderInto(curve, 13, b), model.renderInto(curve, 13, gate)];
    Atomics.store(b.cancel, 0, 1); // replaced by the gate's render before it wrote anything
    await Promise.all([watch('gate', gate), watch('a', a), ...renders]);
    assert.equal(order[0], 'gate', `first chunks in the order ${order.join(' ')}`);
    assert.equal(Atomics.load(b.ready, 0), 0, 'the stopped render wrote no chunk');
    const same = await model.render(curve, 13);
    assert.ok(maxAbsDiff(gate.audio, same.subarray(50 * 512)) <= 1e-4, 'and the gate\'s render is the same sound');
    assert.ok(maxAbsDiff(a.audio, same.subarray(30 * 512)) <= 1e-4, 'as is the render it went before');
  });

  it('plays the selected timbre: renders with each differ, an unknown name is NR_TIMBRE_NOT_FOUND and changes nothing', async () => {
    const by = new Map<string, Float32Array>();
    for (const t of model.timbres) {
      model.selectTimbre(t.name);
      by.set(t.name, await model.render(curve, 11));
    }
    model.selectTimbre('metal');
    assert.throws(() => model.selectTimbre('nope'), /NR_TIMBRE_NOT_FOUND|timbres of/);
    assert.equal(model.timbre, 'metal');
    assert.equal(maxAbsDiff(by.get('metal')!, whole), 0, 'metal is the default');
    const names = [...by.keys()];
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) assert.ok(maxAbsDiff(by.get(names[i]!)!, by.get(names[j]!)!) > 0, `${names[i]} and ${names[j]} render the same`);
    }
    assert.ok(maxAbsDiff(by.get('far')!, whole) > 1e-2, 'a far latent changes the sound');
  });

  it('moves along the latent principal directions (setLatent): 0 renders as before, a move changes the sound, its opposite differently, and renderInto agrees', async () => {
    model.setLatent([0, 0]);
    assert.equal(maxAbsDiff(await model.render(curve, 11), whole), 0);
    model.setLatent([2]);
    const up = await model.render(curve, 11);
    model.setLatent([-2]);
    const down = await model.render(curve, 11);
    assert.ok(maxAbsDiff(up, whole) > 1e-3 && maxAbsDiff(down, whole) > 1e-3, 'a two-deviation move changes the sound');
    assert.ok(maxAbsDiff(up, down) > 1e-3);
    const target = sharedTarget(T * model.hop);
    await model.renderInto(curve, 11, target);
    assert.ok(maxAbsDiff(target.audio, down) < 1e-4, 'a progressive render plays the same position');
    model.setLatent([]);
    assert.equal(maxAbsDiff(await model.render(curve, 11), whole), 0, 'an empty position is no move');
  });

  it('counts frames asked outside the training range (the graph clamps them) and says which descriptors', async () => {
    const before = model.inputReport();
    const hot = curve.map((row, t) => (t < 3 ? row.map((v, k) => (k === 4 ? 9000 : v)) : row));
    await model.render(hot, 1);
    const after = model.inputReport();
    assert.equal(after.framesOutOfRange - before.framesOutOfRange, 3);
    assert.equal((after.outOfRangeByDescriptor['bandwidth'] ?? 0) - (before.outOfRangeByDescriptor['bandwidth'] ?? 0), 3);
    assert.equal(after.lastRenderOutOfRange, true);
    await model.render(curve, 1);
    assert.equal(model.inputReport().lastRenderOutOfRange, false);
  });

  it('refuses bad frames with NR_MODEL_DESCRIPTORS_INVALID and stays usable', async () => {
    await rejectsWith(model.render([], 1), 'NR_MODEL_DESCRIPTORS_INVALID');
    await rejectsWith(model.render([[1, 2, 3]], 1), 'NR_MODEL_DESCRIPTORS_INVALID');
    await rejectsWith(model.render([[NaN, 0.1, 3000, 0.01, 1000, 1500, 100]], 1), 'NR_MODEL_DESCRIPTORS_INVALID');
    assert.equal((await model.render(curve.slice(0, 4), 1)).length, 4 * 512);
  });

  it('encodes a sound into a latent trajectory of its whole frames', async () => {
    const z = await model.encodeTimbre(whole.subarray(0, 10 * 512 + 100));
    assert.equal(z.length, 10);
    assert.ok(z.every((row) => row.length === 8 && row.every(Number.isFinite)));
  });
});
