import { strict as assert } from 'node:assert';
import { AdditiveRenderer } from '../../../core/engine/additive-renderer';
import { fallbackEntries } from '../../../core/engine/default-entries';
import type { ModelRenderer } from '../../../core/engine/model-renderer';
import { RenderEngine, type ReadyRender } from '../../../core/engine/render-engine';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';

describe('RenderEngine', () => {
  it('starts a request after a quiet spell at once, coalesces the ones behind it (newest wins), and keeps the last ready one when a render fails', async () => {
    const clock = new VirtualClock();
    const { a, b } = fallbackEntries();
    const ready: ReadyRender[] = [];
    const errors: NeurorackError[] = [];
    let calls = 0;
    let fail = false;
    const inner = new AdditiveRenderer();
    const renderer: ModelRenderer = { id: 'r', sampleRate: 22050, hop: 512, render: (f, s) => (calls++, fail ? Promise.reject(new Error('no')) : inner.render(f, s)) };
    const engine = new RenderEngine({ clock, renderer, timing: { kind: 'virtual', rtf: 0.1, minMs: 12 }, onReady: (r) => ready.push(r), onError: (e) => errors.push(e) });
    const v1 = engine.request(a);
    await clock.advance(1);
    assert.equal(calls, 1, 'the first request starts without waiting for the debounce');
    engine.request(b);
    const v3 = engine.request(a);
    await clock.advance(5);
    await engine.settle();
    await clock.advance(200);
    await engine.settle();
    await clock.advance(200);
    assert.equal(calls, 2, 'the two requests behind the first coalesce into one render');
    assert.deepEqual(ready.map((r) => r.version), [v1, v3]);
    fail = true;
    engine.request(b);
    await clock.advance(5);
    await engine.settle();
    await clock.advance(200);
    assert.equal(errors[0]?.code, 'NR_RENDER_FAILED');
    assert.equal(engine.latest()?.version, v3);
  });

  it('a request made while a render runs starts the moment that render is published, not after its debounce', async () => {
    // Requests every 4 ms re-arm a 40 ms debounce: under CVs that never rest, the newest would
    // only start once they paused, however long the engine had been free.
    const clock = new VirtualClock();
    const { a, b } = fallbackEntries();
    const started: number[] = [];
    const inner = new AdditiveRenderer();
    const renderer: ModelRenderer = { id: 'r', sampleRate: 22050, hop: 512, render: (f, s) => (started.push(clock.now()), inner.render(f, s)) };
    const ready: ReadyRender[] = [];
    const engine = new RenderEngine({ clock, renderer, debounceMs: 40, timing: { kind: 'virtual', rtf: 0, minMs: 12 }, onReady: (r) => ready.push(r) });
    engine.request(a);
    let newest = 0;
    for (let t = 4; t <= 60; t += 4) {
      await clock.advance(4);
      await engine.settle();
      newest = engine.request(t % 8 === 0 ? a : b);
    }
    assert.equal(started[0], 0);
    assert.ok(started.length >= 4, `renders started at ${started.join(', ')} ms`);
    // Each starts as the one before is published (12 ms each), with the newest request then.
    for (let i = 1; i < started.length; i++) assert.ok(started[i]! - started[i - 1]! <= 12 + 1e-9, `started at ${started.join(', ')} ms`);
    await clock.advance(100);
    await engine.settle();
    await clock.advance(100);
    assert.equal(ready[ready.length - 1]!.version, newest, 'the newest request is the last published');
  });

  it('requests closer together than the debounce still start a render when its window closes: the window opens with the first of them, not again with each', async () => {
    // A render published 2 ms after it starts leaves the engine free; requests every 3 ms, each
    // within the 4 ms debounce of the render before, used to open the window again: the newest
    // started only once they paused (under CVs scanned every 5 ms, whenever the debounce's timer
    // fired a millisecond late).
    const clock = new VirtualClock();
    const { a, b } = fallbackEntries();
    const started: number[] = [];
    const inner = new AdditiveRenderer();
    const renderer: ModelRenderer = { id: 'r', sampleRate: 22050, hop: 512, render: (f, s) => (started.push(clock.now()), inner.render(f, s)) };
    const engine = new RenderEngine({ clock, renderer, debounceMs: 4, timing: { kind: 'virtual', rtf: 0, minMs: 2 }, onReady: () => undefined });
    engine.request(a);
    for (let t = 3; t <= 60; t += 3) {
      await clock.advance(3);
      await engine.settle();
      engine.request(t % 6 === 0 ? a : b);
    }
    assert.equal(started[0], 0);
    const gaps = started.slice(1).map((t, i) => t - started[i]!);
    assert.ok(started.length >= 10, `renders started at ${started.join(', ')} ms`);
    // Each within a debounce of the request that opened its window (3 ms after the render before, at most 6 later).
    assert.ok(gaps.every((g) => g <= 3 + 4 + 1e-9), `renders started at ${started.join(', ')} ms`);
    await clock.advance(50);
    await engine.settle();
  });

  it('the additive renderer is deterministic per seed and follows the centroid', async () => {
    const { a, b } = fallbackEntries();
    const r = new AdditiveRenderer();
    assert.deepEqual(await r.render(a, 3), await r.render(a, 3));
    const ca = centroid(await r.render(a, 3));
    const cb = centroid(await r.render(b, 3));
    assert.ok(cb > ca * 2, `centroids ${ca} ${cb}`);
  });
});

/** Spectral centroid by zero-crossing proxy is too crude; use a direct DFT over a few frames. */
export function centroid(x: Float32Array, sr = 22050): number {
  const n = 1024;
  let num = 0;
  let den = 0;
  for (let start = 0; start + n <= Math.min(x.length, n * 8); start += n) {
    for (let k = 1; k < n / 2; k += 2) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < n; i++) {
        const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
        re += x[start + i]! * w * Math.cos((2 * Math.PI * k * i) / n);
        im -= x[start + i]! * w * Math.sin((2 * Math.PI * k * i) / n);
      }
      const mag = Math.hypot(re, im);
      num += mag * ((k * sr) / n);
      den += mag;
    }
  }
  return den > 0 ? num / den : 0;
}
