import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { BandNoise } from '../../../plugins/model-frave/band-noise';
import { fraveSizes, readFraveManifest } from '../../../plugins/model-frave/frave-manifest';
import { firstChunkFrames, FraveRenderer, LATER_FRAMES } from '../../../plugins/model-frave/frave-renderer';
import { LEAD_FRAMES } from '../../../core/engine/model-renderer';
import { StatefulGraph } from '../../../plugins/model-frave/stateful-graph';
import { latentFrames } from '../../../plugins/model-frave/timbres';
import { sharedTarget } from '../model-sinc-nsf/render-helpers';
import { decayCurve, rms, SHIPPED } from './frave-helpers';

describe('model-frave: the decoder graph and renderer (in-process, the code the worker runs)', function () {
  this.timeout(60_000);
  const manifest = readFraveManifest(SHIPPED);
  const sizes = fraveSizes(manifest);
  let graph: StatefulGraph;
  let renderer: FraveRenderer;
  const T = 40;
  const inputs = () => ({ desc: Float32Array.from(decayCurve(manifest.normalisation.mean, T).flat()), latent: latentFrames([new Array(8).fill(0)], T, 8), t: T, seed: 5 });

  before(async () => {
    graph = await StatefulGraph.create(readFileSync(join(SHIPPED, 'decoder.onnx')), manifest.onnx, join(SHIPPED, 'decoder.onnx'), '/onnx');
    renderer = new FraveRenderer(graph, sizes);
  });
  after(async () => graph?.release());

  it('draws noise by position: the same value whatever the block it is drawn in, other values for another seed', () => {
    const a = new BandNoise(3).fill(new Float32Array(16 * 64), 16, 0, 64);
    const b = new BandNoise(3).fill(new Float32Array(16 * 32), 16, 32, 32);
    for (let band = 0; band < 16; band++) for (let q = 0; q < 32; q++) assert.equal(b[band * 32 + q], a[band * 64 + 32 + q]);
    const c = new BandNoise(4).fill(new Float32Array(16 * 64), 16, 0, 64);
    assert.notDeepEqual(a, c);
    const many = new BandNoise(9).fill(new Float32Array(16 * 4096), 16, 0, 4096);
    const mean = many.reduce((s, v) => s + v, 0) / many.length;
    const variance = many.reduce((s, v) => s + (v - mean) ** 2, 0) / many.length;
    assert.ok(Math.abs(mean) < 0.02 && Math.abs(variance - 1) < 0.03, `mean ${mean}, variance ${variance}`);
  });

  it('a whole render does not depend on the call size (the state carries the past exactly)', async () => {
    const a = await renderer.render(inputs(), 64);
    const b = await renderer.render(inputs(), 3);
    let err = 0;
    for (let i = 0; i < a.length; i++) err = Math.max(err, Math.abs(a[i]! - b[i]!));
    assert.ok(err < 1e-5, `max error ${err}`);
  });

  it('renderInto publishes a first chunk of the engine\'s lead (2 frames), then chunks doubling up to 16 frames', async () => {
    const target = sharedTarget(T * 512);
    const counts: number[] = [];
    const orig = Atomics.store;
    Atomics.store = ((arr: Int32Array, i: number, v: number) => { if (arr === target.ready) counts.push(v / 512); return orig(arr, i, v); }) as typeof Atomics.store;
    try {
      await renderer.renderInto(inputs(), target.audio, target.ready, null, 0, T);
    } finally {
      Atomics.store = orig;
    }
    const steps = counts.map((c, i) => c - (counts[i - 1] ?? 0));
    assert.equal(manifest.streaming.block_frames, 1, 'the shipped graph takes calls of one frame');
    assert.equal(LEAD_FRAMES, 2);
    assert.deepEqual(steps, [2, 4, 8, LATER_FRAMES, T - 14 - LATER_FRAMES], `chunks ${steps.join(', ')}`);
    assert.equal(firstChunkFrames(3), 3, 'a graph of 3-frame blocks: one block');
    assert.equal(firstChunkFrames(1, 5), 5, 'a first chunk asked longer (RenderTarget.firstFrames): that long');
    assert.equal(firstChunkFrames(3, 5), 6, 'in whole blocks');
    assert.equal(firstChunkFrames(1, 1), LEAD_FRAMES, 'never shorter than the engine\'s lead');
    assert.equal(counts[counts.length - 1], T);
  });

  describe('a render from a later frame (a voice\'s part after a CV change) continues the newest render\'s state', () => {
    const H = 512;
    const curveOf = (gain: number, frames: number) => ({ desc: Float32Array.from(decayCurve(manifest.normalisation.mean, frames, gain).flat()), latent: latentFrames([new Array(8).fill(0)], frames, 8), t: frames, seed: 5 });
    const into = async (r: FraveRenderer, input: ReturnType<typeof curveOf>, from: number): Promise<Float32Array> => {
      const target = sharedTarget((input.t - from) * H);
      await r.renderInto(input, target.audio, target.ready, null, from, input.t);
      return target.audio;
    };
    const diff = (a: Float32Array, b: Float32Array, from = 0, to = a.length): number => {
      let e = 0;
      for (let i = from; i < to; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
      return e;
    };

    it('after a render of the same curve: decodes from its state (the frames since, not 20 of context) and writes the whole render\'s samples', async () => {
      const r = new FraveRenderer(graph, sizes);
      const input = curveOf(0.1, T);
      const whole = await into(r, input, 0);
      const before = r.framesDecoded;
      const part = await into(r, input, 10);
      const decoded = r.framesDecoded - before;
      // The first render passed frame 6 (chunks of 2 and 4 frames): 4 frames to catch up.
      assert.equal(decoded, T - 10 + 4, `frames decoded ${decoded}; from zero state it would be ${T - 10 + Math.min(10, sizes.leftFrames)}`);
      assert.ok(diff(part, whole.subarray(10 * H)) <= 1e-4, `max error ${diff(part, whole.subarray(10 * H))}`);
      const fresh = new FraveRenderer(graph, sizes);
      const cold = fresh.framesDecoded;
      await into(fresh, input, 10);
      assert.equal(fresh.framesDecoded - cold, T - 10 + Math.min(10, sizes.leftFrames), 'with no render before it: its context (the 10 frames before it) from zero state');
    });

    it('after a render of another curve: goes on from what that render played, the same as its own render once the effective field has passed', async () => {
      const N = 60;
      const r = new FraveRenderer(graph, sizes);
      await into(r, curveOf(0.3, N), 0);
      const continued = await into(r, curveOf(0.05, N), 10);
      const own = await into(new FraveRenderer(graph, sizes), curveOf(0.05, N), 10);
      assert.ok(diff(continued, own, 0, 2 * H) > 1e-3, `the first frames carry the other render's past (differ by ${diff(continued, own, 0, 2 * H)})`);
      // The state came from frame 6 of the other render: its influence ends 20 frames (the effective field) later.
      const after = (6 + sizes.leftFrames - 10) * H;
      assert.ok(diff(continued, own, after) <= 1e-4, `from frame ${6 + sizes.leftFrames} on: max difference ${diff(continued, own, after)}`);
      assert.ok(continued.every(Number.isFinite));
    });

    it('never continues another seed\'s noise, nor a state more than the context before its start', async () => {
      const r = new FraveRenderer(graph, sizes);
      await into(r, { ...curveOf(0.1, T), seed: 6 }, 0);
      let before = r.framesDecoded;
      await into(r, curveOf(0.1, T), 10);
      assert.equal(r.framesDecoded - before, T - 10 + Math.min(10, sizes.leftFrames), 'another seed: context from zero state');
      const far = new FraveRenderer(graph, sizes);
      const long = curveOf(0.1, 80);
      const head = sharedTarget(3 * H);
      await far.renderInto(long, head.audio, head.ready, null, 0, 3); // passes frames 0, 2 and 3 only
      before = far.framesDecoded;
      await into(far, long, 3 + sizes.leftFrames + 1);
      assert.equal(far.framesDecoded - before, 80 - (3 + sizes.leftFrames + 1) + sizes.leftFrames, 'a state further back than the context: context from zero state');
    });
  });

  describe('states are placed on the module\'s timeline (RenderTarget.origin), the nearest continued', () => {
    const H = 512;
    const N = 60;
    const curve = (gain: number) => ({ desc: Float32Array.from(decayCurve(manifest.normalisation.mean, N, gain).flat()), latent: latentFrames([new Array(8).fill(0)], N, 8), t: N, seed: 5 });
    /** The curve from its frame `first` on: what the engine asks of a region that begins at the scrub position. */
    const from = (c: ReturnType<typeof curve>, first: number) => ({ ...c, desc: c.desc.slice(first * sizes.width), latent: c.latent.slice(first * 8), t: c.t - first });
    const part = async (r: FraveRenderer, c: ReturnType<typeof curve>, at: number, origin: number, to = c.t): Promise<Float32Array> => {
      const target = sharedTarget((to - at) * H);
      await r.renderInto({ ...c, origin }, target.audio, target.ready, null, at, to);
      return target.audio;
    };
    const diff = (a: Float32Array, b: Float32Array): number => a.reduce((e, v, i) => Math.max(e, Math.abs(v - b[i]!)), 0);

    it('a part of a curve that begins elsewhere on the timeline continues the state left at its own place', async () => {
      const c = curve(0.1);
      const r = new FraveRenderer(graph, sizes);
      const whole = await part(r, c, 0, 0); // passes timeline frames 0, 2, 6, 14, 30, 46
      const before = r.framesDecoded;
      // The same sound asked from the scrub position 5: its frame 10 is the timeline's frame 15.
      const later = await part(r, from(c, 5), 10, 5);
      assert.equal(r.framesDecoded - before, N - 15 + 1, 'one frame caught up, from the state at timeline frame 14');
      assert.ok(diff(later, whole.subarray(15 * H)) <= 1e-4, `the whole render's samples from frame 15: max error ${diff(later, whole.subarray(15 * H))}`);
      // With no render before it: from zero state and its own context, the samples of its own
      // whole render (this curve has 10 frames before that part, the whole one 15).
      const own = await part(new FraveRenderer(graph, sizes), from(c, 5), 0, 5);
      const alone = await part(new FraveRenderer(graph, sizes), from(c, 5), 10, 5);
      assert.ok(diff(alone, own.subarray(10 * H)) <= 1e-4, `from zero state: max error ${diff(alone, own.subarray(10 * H))}`);
      // Placed at the curve's own frames instead (origin 0), the state the first render left at
      // timeline frame 6 is continued as this curve's frame 6 (the sound's frame 11), and the noise
      // is drawn from the wrong place: another sound.
      const r2 = new FraveRenderer(graph, sizes);
      await part(r2, c, 0, 0);
      const wrong = await part(r2, from(c, 5), 10, 0);
      assert.ok(diff(wrong, whole.subarray(15 * H)) > 1e-3, `misplaced, it differs (${diff(wrong, whole.subarray(15 * H))})`);
    });

    it('never continues a state from before the curve\'s first frame', async () => {
      const c = curve(0.1);
      const r = new FraveRenderer(graph, sizes);
      await part(r, c, 0, 0); // states at 0, 2, 6, 14, 30, 46
      const before = r.framesDecoded;
      // Timeline frame 23 is this curve's frame 3: the state at 14 is before the curve begins (at 20).
      await part(r, from(c, 20), 3, 20);
      assert.equal(r.framesDecoded - before, N - 23 + 3, 'its 3 frames of context from zero state');
    });

    it('continues the nearest state, not the newest render\'s further back (the region of the same request)', async () => {
      const r = new FraveRenderer(graph, sizes);
      await part(r, curve(0.3), 0, 0); // what the voice played: states at 0, 2, 6, 14, 30, 46
      // A CV change: the region of the new request, from the scrub position 0, first chunk only,
      // then the voice's part at frame 15.
      const changed = curve(0.05);
      await part(r, changed, 0, 0, 2);
      const before = r.framesDecoded;
      const voice = await part(r, changed, 15, 0);
      assert.equal(r.framesDecoded - before, N - 15 + 1, 'one frame caught up from the played render\'s state at 14, not 13 from the region\'s at 2');
      assert.ok(voice.every(Number.isFinite));
    });
  });

  it('a state carrying NaN is reset to zeros and counted; the audio goes on finite (fault injected)', async () => {
    const first = await renderer.decode(inputs(), 0, 4, graph.zeroState());
    const poisoned = new Map(first.state);
    const [name, tensor] = [...poisoned.entries()][3]!;
    const data = Float32Array.from(tensor.data as Float32Array);
    data[0] = NaN;
    poisoned.set(name, new ort.Tensor('float32', data, tensor.dims));
    const resets = graph.resets;
    const next = await renderer.decode(inputs(), 4, 8, poisoned);
    assert.equal(graph.resets, resets + 1);
    assert.ok(next.audio.every(Number.isFinite));
    assert.ok(rms(next.audio) > 1e-4, 'still sounding');
    const fresh = await renderer.decode(inputs(), 4, 8, graph.zeroState());
    assert.deepEqual(Array.from(next.audio), Array.from(fresh.audio), 'as from zero state');
    for (const t of next.state.values()) assert.ok((t.data as Float32Array).every(Number.isFinite));
  });
});
