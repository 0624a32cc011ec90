import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { BandNoise } from '../../../plugins/model-frave/band-noise';
import { fraveSizes, readFraveManifest } from '../../../plugins/model-frave/frave-manifest';
import { FraveRenderer, LATER_FRAMES } from '../../../plugins/model-frave/frave-renderer';
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

  it('renderInto publishes a first chunk of block_frames, then chunks doubling up to 16 frames', async () => {
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
    const b = manifest.streaming.block_frames;
    assert.deepEqual(steps, [b, 2 * b, 4 * b, 8 * b, LATER_FRAMES, T - 15 * b - LATER_FRAMES], `chunks ${steps.join(', ')}`);
    assert.equal(counts[counts.length - 1], T);
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
