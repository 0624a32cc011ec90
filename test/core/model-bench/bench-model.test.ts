import { strict as assert } from 'node:assert';
import { benchModel, describeBench, type BenchPlan } from '../../../core/model-bench/bench-model';
import { median, percentile } from '../../../core/model-bench/percentile';
import { DEFAULT_RENDER_SEED, type LoadedModel, type RenderTarget } from '../../../core/sdk';

const HOP = 512;
const RATE = 22050;
const SMALL: BenchPlan = { rtfRepeats: { oneSecond: 1, tenSeconds: 1 }, blockRenders: 4, progressiveFrames: 60, blockFrames: [4, 8] };

/** Busy for `ms` on this thread, as a model computing would be. */
function work(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* compute */ }
}

/** A model that costs `msPerFrame` of this thread per frame rendered, and records what it was asked. */
function offlineModel(msPerFrame: number, lookaheadFrames = 0): LoadedModel & { asked: number[] } {
  const asked: number[] = [];
  return {
    id: 'offline-test', sampleRate: RATE, hop: HOP, descriptorNames: ['rms', 'f0'], neutralFrame: [0.1, 100], lookaheadFrames, asked,
    async render(frames) {
      asked.push(frames.length);
      work(frames.length * msPerFrame);
      return new Float32Array(frames.length * HOP);
    },
    async dispose() {},
  };
}

/** A progressive model: chunks of 4, 8, 16, 32 frames, each published `chunkDelayMs(frames)` after the one before, from timers. */
function progressiveModel(chunkDelayMs: (frames: number) => number): LoadedModel {
  return {
    ...offlineModel(0, 3),
    id: 'progressive-test',
    renderInto(frames: number[][], _seed: number, target: RenderTarget) {
      return new Promise<void>((resolve) => {
        let written = 0;
        let chunk = 4;
        const next = () => {
          const n = Math.min(chunk, frames.length - written / HOP);
          setTimeout(() => {
            written += n * HOP;
            Atomics.store(target.ready, 0, written);
            Atomics.notify(target.ready, 0);
            chunk = Math.min(32, chunk * 2);
            if (written < frames.length * HOP) next(); else resolve();
          }, chunkDelayMs(n));
        };
        next();
      });
    },
  };
}

describe('model bench (through the runtime contract)', function () {
  this.timeout(60_000);

  it('percentile is nearest-rank and median takes the middle', () => {
    const v = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.equal(percentile(v, 99), 99);
    assert.equal(percentile(v, 100), 100);
    assert.equal(percentile([5], 99), 5);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('times a model without renderInto by offline renders of each block size and of a 1 s note', async () => {
    const model = offlineModel(0.5, 2);
    const b = await benchModel(model, SMALL);
    assert.equal(b.block_source, 'render');
    assert.deepEqual(b.blocks.map((k) => k.frames), [4, 8]);
    const audioMs = (frames: number) => (frames * HOP * 1000) / RATE;
    for (const k of b.blocks) {
      assert.ok(k.rtf >= (k.frames * 0.5) / audioMs(k.frames) * 0.99, `rtf ${k.rtf} of ${k.frames} frames is at least the work done`);
      assert.ok(k.p99_ms >= k.frames * 0.5 * 0.99);
    }
    assert.ok(b.rtf_1s >= 0.5 / audioMs(1) * 0.99 && b.rtf_10s >= 0.5 / audioMs(1) * 0.99);
    assert.ok(b.first_chunk_ms >= 43 * 0.5 * 0.99, 'without renderInto the first audio waits for the whole 1 s render');
    assert.equal(b.delay_ms, Number(((2 * HOP * 1000) / RATE).toFixed(2)));
    assert.ok(b.peak_rss_mb > 10);
    // what was rendered: untimed then timed 1 s (43 frames) and 10 s (431) renders, then each block size, then 1 s notes
    assert.deepEqual(model.asked, [43, 43, 431, 431, 4, 4, 4, 4, 4, 8, 8, 8, 8, 8, 43, 43]);
  });

  it('times a progressive model by the chunks it publishes, the first chunk being the buffering delay', async () => {
    const b = await benchModel(progressiveModel((frames) => frames), SMALL);
    assert.equal(b.block_source, 'renderInto');
    assert.deepEqual(b.blocks.map((k) => k.frames), [4, 8, 16, 32]);
    for (const k of b.blocks) assert.ok(k.p99_ms >= k.frames * 0.9, `a ${k.frames}-frame chunk took at least its ${k.frames} ms (p99 ${k.p99_ms})`);
    assert.ok(b.first_chunk_ms >= 4 * 0.9);
    assert.equal(b.delay_ms, Number(((3 * HOP * 1000) / RATE).toFixed(2)));
    assert.equal(b.merged_chunks, 0);
    const text = describeBench(b, 'test', 1).join('\n');
    assert.match(text, /chunks of progressive renders/);
    assert.match(text, /delay: model \(lookahead\) 69\.7 ms; buffering \(request to first audio\) \d+\.\d ms/);
  });

  it('times progressive renders with the host\'s seed, as the engine renders: a model that keeps what it drew from a seed is timed as a gate finds it', async () => {
    const drawn = new Set<number>();
    const seeds: number[] = [];
    // The first render of a seed costs 100 ms more (drawing its randomness), as the sinc-NSF's costs it 30.
    const model = progressiveModel(() => 1);
    const renderInto = model.renderInto!.bind(model);
    model.renderInto = async (frames, seed, target) => {
      seeds.push(seed);
      if (!drawn.has(seed)) work(100);
      drawn.add(seed);
      return renderInto(frames, seed, target);
    };
    const b = await benchModel(model, SMALL);
    assert.deepEqual(new Set(seeds), new Set([DEFAULT_RENDER_SEED]), `seeds asked: ${seeds.join(' ')}`);
    assert.ok(b.first_chunk_ms < 60, `the first chunk as a gate finds it, randomness drawn: ${b.first_chunk_ms} ms (this thread's 20 ms waits included)`);
  });

  it('refuses a progressive render that resolves before writing everything', async () => {
    const model: LoadedModel = { ...offlineModel(0), renderInto: async () => undefined };
    await assert.rejects(benchModel(model, SMALL), /NR_MODEL_RENDER_FAILED|resolved with 0 of/);
  });
});
