import { strict as assert } from 'node:assert';
import { BlockMixer } from '../../../core/engine/block-mixer';
import { LEAD_FRAMES, type ModelRenderer, type RenderTarget } from '../../../core/engine/model-renderer';
import { RenderEngine, type ReadyRender } from '../../../core/engine/render-engine';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { MonotonicClock } from '../../../core/scheduler/monotonic-clock';
import { PREFIX, readableEnd, REGION_START, REGION_WRITTEN, SEALED, STOPPED, STOPPING, VOICE_START, VOICE_WRITTEN, WRITTEN_SPAN_SLOTS, writtenEnd } from '../../../core/engine/written-span';

const HOP = 512;

/** A model that writes a constant per render in chunks (8 frames, then 32), each after `chunkMs`; it can fail after the first chunk. */
function chunkedModel(value: number, chunkMs: number, failAfterFirst = false): ModelRenderer & { finished: number } {
  const m = {
    id: `chunked-${value}`, sampleRate: 22050, hop: HOP, finished: 0,
    render: async (frames: number[][]) => new Float32Array(frames.length * HOP).fill(value),
    renderInto: async (frames: number[][], _seed: number, t: RenderTarget) => {
      let written = 0;
      for (let chunk = 8; written < t.audio.length; chunk = 32) {
        await new Promise((r) => setTimeout(r, chunkMs));
        if (failAfterFirst && written > 0) throw new Error('the model crashed');
        if (written > 0 && t.cancel && Atomics.load(t.cancel, 0)) return;
        const end = Math.min(t.audio.length, written + chunk * HOP);
        t.audio.fill(value, written, end);
        written = end;
        Atomics.store(t.ready, 0, written);
      }
      m.finished++;
    },
  };
  return m;
}

/** Span counters of a render with its region and its voice's part starting where given, nothing written yet. */
function spanLayout(regionStart: number, voiceStart: number): Int32Array {
  const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
  spans[REGION_START] = regionStart;
  spans[VOICE_START] = voiceStart;
  return spans;
}

const frames = (n: number) => Array.from({ length: n }, () => [0.1, 0.05, 3000, 0.01, 2000, 1500, 110]);

describe('progressive renders', function () {
  this.timeout(10_000);

  it('the engine publishes a render once its first chunk is written, before the model has finished', async () => {
    const model = chunkedModel(0.5, 20);
    const published: Array<{ r: ReadyRender; written: number; finished: number }> = [];
    const engine = new RenderEngine({ clock: new MonotonicClock(), renderer: model, debounceMs: 0, onReady: (r) => published.push({ r, written: r.filling ? Atomics.load(r.filling, 0) : -1, finished: model.finished }) });
    engine.request(frames(100));
    await new Promise((r) => setTimeout(r, 10));
    await engine.idle();
    assert.equal(published.length, 2, 'published while filling, then again once complete');
    const [first, done] = published as [typeof published[0], typeof published[0]];
    assert.equal(first.finished, 0, 'published while the model was still writing');
    assert.ok(first.written >= 8 * HOP && first.written < 100 * HOP, `written at publication: ${first.written}`);
    assert.ok(first.r.audio.buffer instanceof SharedArrayBuffer);
    assert.equal(done.r.version, first.r.version);
    assert.equal(done.r.audio, first.r.audio, 'the same buffer, now complete');
    assert.equal(done.r.filling, null);
    assert.equal(engine.latest()?.filling, null, 'complete once the model finished');
    assert.equal(engine.renders, 1);
  });

  it('a progressive render that fails after publication is silenced past what was written and the last complete render comes back', async () => {
    const good = chunkedModel(0.25, 1);
    const errors: NeurorackError[] = [];
    const published: ReadyRender[] = [];
    const engine = new RenderEngine({ clock: new MonotonicClock(), renderer: good, debounceMs: 0, onReady: (r) => published.push(r), onError: (e) => errors.push(e) });
    engine.request(frames(20));
    await new Promise((r) => setTimeout(r, 5));
    await engine.idle();
    engine.setRenderer(chunkedModel(0.75, 5, true));
    await new Promise((r) => setTimeout(r, 5));
    await engine.idle();
    assert.equal(errors[0]?.code, 'NR_RENDER_FAILED');
    const broken = published.find((r) => r.modelId === 'chunked-0.75')!;
    assert.ok(broken, 'the failing render had been published after its first chunk');
    assert.equal(broken.audio[8 * HOP - 1], 0.75);
    assert.equal(broken.audio[8 * HOP], 0, 'the unwritten rest is silence');
    assert.equal(readableEnd(broken.filling!, 0, broken.audio.length), broken.audio.length, 'voices reading it can end');
    assert.equal(Atomics.load(broken.filling!, STOPPED), SEALED);
    assert.equal(published[published.length - 1]!.modelId, 'chunked-0.25', 'the last complete render is back');
  });

  it('a newer request does not wait for an older render to finish: the older one is asked to stop and sealed', async () => {
    const model = chunkedModel(0.5, 15);
    const published: ReadyRender[] = [];
    let olderWrittenAtSecond = -1;
    const engine = new RenderEngine({
      clock: new MonotonicClock(), renderer: model, debounceMs: 0,
      onReady: (r) => {
        if (published.length === 1) olderWrittenAtSecond = Atomics.load(published[0]!.filling!, 0);
        published.push(r);
      },
    });
    engine.request(frames(300));
    await new Promise((r) => setTimeout(r, 25)); // the first chunk is out, the rest (9 chunks) is being written
    assert.equal(published.length, 1);
    const older = published[0]!;
    engine.request(frames(300).map((f) => [f[0]! * 2, ...f.slice(1)]));
    for (let i = 0; i < 500 && published.length < 2; i++) await new Promise((r) => setTimeout(r, 2));
    assert.equal(published.length, 2);
    assert.ok(olderWrittenAtSecond >= 0, 'the older render was still there to be replaced');
    await engine.idle();
    assert.equal(readableEnd(older.filling!, 0, older.audio.length), older.audio.length, 'the older render is sealed to its end');
    assert.equal(Atomics.load(older.filling!, STOPPED), SEALED);
    assert.ok(writtenEnd(older.filling!, 0, older.audio.length) < older.audio.length, 'what the model wrote is told apart from the silence after it');
    assert.equal(older.audio[older.audio.length - 1], 0, 'its unwritten rest is silence');
    assert.equal(model.finished, 1, 'only the newer render was written to its end: the older stopped when the newer started');
    assert.equal(engine.latest()?.version, published[1]!.version);
    assert.equal(engine.latest()?.filling, null);
  });

  it('from a scrub position, the region from it is rendered and published first, the part before it after', async () => {
    const calls: number[] = [];
    const inner = chunkedModel(0.5, 10);
    const model = { ...inner, renderInto: (f: number[][], seed: number, t: RenderTarget) => (calls.push(f.length), inner.renderInto!(f, seed, t)) };
    let atPublication = { prefix: -1, regionStart: -1, region: -1 };
    const engine = new RenderEngine({
      clock: new MonotonicClock(), renderer: model, debounceMs: 0, startAt: () => 0.5,
      onReady: (r) => { if (r.filling) atPublication = { prefix: Atomics.load(r.filling, PREFIX), regionStart: r.filling[REGION_START]!, region: Atomics.load(r.filling, REGION_WRITTEN) }; },
    });
    engine.request(frames(200));
    await new Promise((r) => setTimeout(r, 5));
    await engine.idle();
    assert.deepEqual(calls, [100, 100], 'the region from the scrub position (frame 100) first, then frames 0..99');
    assert.equal(atPublication.regionStart, 100 * HOP);
    assert.equal(atPublication.prefix, 0, 'published before the part before the scrub position was written');
    assert.ok(atPublication.region >= 4 * HOP && atPublication.region < 100 * HOP, `published once its first chunk was written (${atPublication.region / HOP} frames)`);
    const done = engine.latest()!;
    assert.equal(done.filling, null);
    assert.ok(done.audio.every((v) => v === 0.5), 'every sample written in the end');
  });

  /** A model whose every sample is the index of its frame in the curve it was given: which sound a part continues shows in the samples. */
  function frameIndexModel(chunkMs: number): ModelRenderer & { calls: Array<{ frames: number; from: number; length: number; origin: number; urgent?: true }> } {
    const calls: Array<{ frames: number; from: number; length: number; origin: number; urgent?: true }> = [];
    return {
      id: 'frame-index', sampleRate: 22050, hop: HOP, calls,
      render: async (f: number[][]) => Float32Array.from({ length: f.length * HOP }, (_, i) => Math.floor(i / HOP)),
      renderInto: async (f: number[][], _seed: number, t: RenderTarget) => {
        const from = t.from ?? 0;
        calls.push({ frames: f.length, from, length: t.audio.length / HOP, origin: t.origin ?? 0, ...(t.urgent && { urgent: true as const }) });
        for (let written = 0; written < t.audio.length;) {
          await new Promise((r) => setTimeout(r, chunkMs));
          if (written > 0 && t.cancel && Atomics.load(t.cancel, 0)) return;
          const end = Math.min(t.audio.length, written + 4 * HOP);
          for (let i = written; i < end; i++) t.audio[i] = from + Math.floor(i / HOP);
          written = end;
          Atomics.store(t.ready, 0, written);
        }
      },
    };
  }

  it('with a voice sounding past the region\'s first chunk, a render is also written from that voice\'s position at once, continuing the same sound', async () => {
    const model = frameIndexModel(3);
    let atPublication: number[] = [];
    const engine = new RenderEngine({
      clock: new MonotonicClock(), renderer: model, debounceMs: 0, startAt: () => 0.25, continueFrom: () => 70 * HOP + 100,
      onReady: (r) => { if (r.filling && !atPublication.length) atPublication = [r.filling[REGION_START]!, r.filling[VOICE_START]!]; },
    });
    engine.request(frames(200));
    await new Promise((r) => setTimeout(r, 5));
    await engine.idle();
    // the scrub region is frames 50.. of the curve, the voice is in frame 70: 20 frames into that sound
    assert.deepEqual(model.calls, [{ frames: 150, from: 0, length: 20, origin: 50 }, { frames: 150, from: 20, length: 130, origin: 50 }, { frames: 50, from: 0, length: 50, origin: 0 }],
      'the region up to the voice, the voice\'s part (the same sound, from the voice on) at the same time, then the prefix; the region\'s sound placed at the scrub position on the timeline, the prefix\'s at its start');
    assert.deepEqual(atPublication, [50 * HOP, 70 * HOP]);
    const done = engine.latest()!;
    assert.equal(done.filling, null);
    for (const f of [0, 49, 50, 69, 70, 71, 199]) assert.equal(done.audio[f * HOP + 7], f < 50 ? f : f - 50, `frame ${f}`);
  });

  it('with a voice sounding before the scrub position, its part is written from its position at once, continuing the prefix\'s sound up to the region', async () => {
    // An LFO on the scrub moves the region past the voice: without a part of its own, the voice
    // heard the new CVs only once the prefix was written, after the whole region.
    const model = frameIndexModel(3);
    let atPublication: number[] = [];
    let voiceReads: number[] = [];
    const engine = new RenderEngine({
      clock: new MonotonicClock(), renderer: model, debounceMs: 0, startAt: () => 0.25, continueFrom: () => 20 * HOP + 100,
      onReady: (r) => { if (r.filling && !atPublication.length) atPublication = [r.filling[REGION_START]!, r.filling[VOICE_START]!]; },
    });
    engine.request(frames(200));
    for (let i = 0; i < 200 && voiceReads.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 1));
      const filling = engine.latest()?.filling;
      if (filling && Atomics.load(filling, VOICE_WRITTEN) >= 30 * HOP && Atomics.load(filling, PREFIX) === 0) voiceReads = [readableEnd(filling, 20 * HOP + 100, 200 * HOP), Atomics.load(filling, REGION_WRITTEN)];
    }
    await engine.idle();
    // the scrub region is frames 50.. of the curve (its own sound), the voice is in frame 20 of the prefix's sound
    assert.deepEqual(model.calls, [{ frames: 150, from: 0, length: 150, origin: 50 }, { frames: 50, from: 20, length: 30, origin: 0 }, { frames: 50, from: 0, length: 20, origin: 0 }],
      'the region to the end, the voice\'s part (the prefix\'s sound from the voice up to the region) at the same time, then the rest of the prefix');
    assert.deepEqual(atPublication, [50 * HOP, 20 * HOP]);
    assert.ok(voiceReads.length === 2, 'the voice\'s part was written before the prefix');
    assert.equal(voiceReads[0], 50 * HOP + voiceReads[1]!, 'the voice reads its part and on into the region, before the prefix is written');
    const done = engine.latest()!;
    assert.equal(done.filling, null);
    for (const f of [0, 19, 20, 21, 49, 50, 51, 199]) assert.equal(done.audio[f * HOP + 7], f < 50 ? f : f - 50, `frame ${f}`);
  });

  it('a voice\'s part starts at the earliest frame whose first chunk still holds the voice once written, as long as the last ones took and half again', async () => {
    // The part at the voice takes 50 ms to its first chunk (a busy model lane): the voice plays
    // on by more than two frames meanwhile, past a part started where it was when asked.
    const parts: number[] = [];
    const model: ModelRenderer = {
      id: 'slow-voice', sampleRate: 22050, hop: HOP,
      render: async (f: number[][]) => new Float32Array(f.length * HOP),
      renderInto: async (_f: number[][], _seed: number, t: RenderTarget) => {
        const from = t.from ?? 0;
        if (from > 0) parts.push(from);
        for (let written = 0; written < t.audio.length;) {
          await new Promise((r) => setTimeout(r, from > 0 && written === 0 ? 50 : 1));
          if (t.cancel && Atomics.load(t.cancel, 0)) return;
          written = Math.min(t.audio.length, written + 2 * HOP);
          Atomics.store(t.ready, 0, written);
        }
      },
    };
    const t0 = performance.now();
    const voiceAt = () => 120 * HOP + Math.round(((performance.now() - t0) * 22050) / 1000); // a voice playing on
    const engine = new RenderEngine({ clock: new MonotonicClock(), renderer: model, debounceMs: 0, startAt: () => 0.25, continueFrom: voiceAt, onReady: () => undefined });
    engine.request(frames(400));
    await new Promise((r) => setTimeout(r, 80));
    const askedAt = voiceAt();
    engine.request(frames(400).map((r) => [r[0]! * 2, ...r.slice(1)]));
    await new Promise((r) => setTimeout(r, 5));
    engine.stop();
    assert.equal(parts.length, 2, `two parts at the voice (${parts.join(' ')})`);
    assert.equal(parts[0], 120 - 100, 'the first where the voice was (nothing measured yet; the region\'s sound starts at frame 100)');
    const voiceFrame = parts[1]! + 100;
    const aheadMs = ((voiceFrame * HOP - askedAt) * 1000) / 22050;
    // Its first chunk (2 frames of 23 ms) holds where the voice will be after 75 ms (the 50 ms or
    // more the last one took, and half again), and starts no later than where it will be then.
    const chunkMs = (2 * HOP) / 22.05;
    assert.ok(aheadMs > 75 - chunkMs - 1 && aheadMs < 100, `the second starts ${aheadMs.toFixed(1)} ms of sound ahead of the voice (its first chunk took 50 ms or more; frames of 23 ms)`);
  });

  it('with a voice sounding, the next request waits until the voice\'s part of the render before it is written, so the voice hears each render; a gate does not wait', async () => {
    // Region chunks every 2 ms, the part at the voice 40 ms late (a busy model lane).
    const starts: Array<{ at: number; from: number }> = [];
    const t0 = performance.now();
    const model: ModelRenderer = {
      id: 'slow-voice', sampleRate: 22050, hop: HOP,
      render: async (f: number[][]) => new Float32Array(f.length * HOP),
      renderInto: async (_f: number[][], _seed: number, t: RenderTarget) => {
        const from = t.from ?? 0;
        starts.push({ at: performance.now() - t0, from });
        for (let written = 0; written < t.audio.length;) {
          await new Promise((r) => setTimeout(r, from > 0 && written === 0 ? 40 : 2));
          if (t.cancel && Atomics.load(t.cancel, 0)) return;
          written = Math.min(t.audio.length, written + 4 * HOP);
          Atomics.store(t.ready, 0, written);
        }
      },
    };
    for (const how of ['a CV', 'a gate\'s scan', 'a hurried gate'] as const) {
      const gate = how !== 'a CV';
      starts.length = 0;
      const engine = new RenderEngine({ clock: new MonotonicClock(), renderer: model, debounceMs: 0, startAt: () => 0.25, continueFrom: () => 120 * HOP, onReady: () => undefined });
      engine.request(frames(200));
      await new Promise((r) => setTimeout(r, 15)); // the region is published, the voice's part is not written
      const asked = performance.now() - t0;
      engine.request(frames(200).map((r) => [r[0]! * 2, ...r.slice(1)]), gate);
      if (how === 'a hurried gate') engine.hurry();
      await new Promise((r) => setTimeout(r, 80));
      engine.stop();
      const second = starts.filter((x) => x.from === 0)[1];
      assert.ok(second, `the second render started (${JSON.stringify(starts)})`);
      if (gate) assert.ok(second.at - asked < 10, `${how}: its render starts at once (${(second.at - asked).toFixed(1)} ms)`);
      else assert.ok(second.at >= starts[1]!.at + 35, `the next render waited for the voice's part (${second.at.toFixed(1)} ms against ${starts[1]!.at.toFixed(1)} ms)`);
    }
  });

  it('a hurried gate waits for the render in flight when it was asked for CVs within a step of the gate\'s, and stops it for one that was not', async () => {
    // Every first chunk takes 30 ms: the render in flight is 5 ms into its first when the gate comes.
    const starts: Array<{ at: number; cancel: Int32Array | undefined }> = [];
    const t0 = performance.now();
    const model: ModelRenderer = {
      id: 'slow-first', sampleRate: 22050, hop: HOP,
      render: async (f: number[][]) => new Float32Array(f.length * HOP),
      renderInto: async (_f: number[][], _seed: number, t: RenderTarget) => {
        starts.push({ at: performance.now() - t0, cancel: t.cancel });
        await new Promise((r) => setTimeout(r, 30));
        Atomics.store(t.ready, 0, t.audio.length);
      },
    };
    for (const serves of [true, false]) {
      starts.length = 0;
      const published: number[] = [];
      const engine = new RenderEngine({ clock: new MonotonicClock(), renderer: model, debounceMs: 0, onReady: (r) => published.push(r.version) });
      const asked = engine.request(frames(50)); // the periodic scan caught the step
      await new Promise((r) => setTimeout(r, 5));
      const gates = engine.request(frames(50).map((r) => [r[0]! * 1.001, ...r.slice(1)]), true); // the gate's scan: ADC noise apart
      const waitsFor = engine.hurry((v) => serves && v === asked);
      const hurriedAt = performance.now() - t0;
      await engine.idle();
      engine.stop();
      if (serves) {
        assert.equal(waitsFor, asked, 'the gate waits for the render in flight');
        assert.equal(Atomics.load(starts[0]!.cancel!, 0), 0, 'which is not stopped');
        assert.ok(starts.length < 2 || starts[1]!.at >= hurriedAt + 20, `nothing new starts before it is published (${JSON.stringify(starts.map((x) => x.at.toFixed(1)))})`);
        assert.ok(published.indexOf(asked) === 0, `it is published first (${published.join(' ')})`);
      } else {
        assert.equal(waitsFor, gates, 'the gate waits for the render of its own CVs');
        assert.equal(Atomics.load(starts[0]!.cancel!, 0), 1, 'the render in flight is stopped');
        assert.ok(starts[1] && starts[1].at - hurriedAt < 10, `the gate's render starts at once (${JSON.stringify(starts.map((x) => x.at.toFixed(1)))})`);
        assert.ok(!published.includes(asked), `the stopped render is never published (${published.join(' ')})`);
      }
    }
  });

  it('no voice part for a gate\'s render (hurried or asked for by its scan), for no voice, or for a voice still inside the region\'s first chunk', async () => {
    const cases = [[-1, 'debounced'], [51 * HOP, 'debounced'], [120 * HOP, 'hurried'], [120 * HOP, 'gate scan'], [120 * HOP, 'gate scan, debounced']] as const;
    for (const [at, how] of cases) {
      const model = frameIndexModel(1);
      const engine = new RenderEngine({ clock: new MonotonicClock(), renderer: model, debounceMs: how === 'gate scan' ? 0 : 1000, startAt: () => 0.25, continueFrom: () => at, onReady: () => undefined });
      engine.request(frames(200)); // starts at once (nothing before it)
      await engine.idle();
      engine.request(frames(200).map((r) => [r[0]! * 2, ...r.slice(1)]), how.startsWith('gate scan')); // debounced, unless ...
      if (how === 'hurried') engine.hurry(); // ... a gate hurries it
      else if (how !== 'gate scan') await new Promise((r) => setTimeout(r, 1100));
      await engine.idle();
      assert.deepEqual(model.calls.slice(-2).map((c) => c.length), [150, 50], `voice at ${at}, ${how}: region to the end, then the prefix`);
    }
    // The same request, not a gate's, with that voice sounding: a voice part beside the region.
    const model = frameIndexModel(1);
    const engine = new RenderEngine({ clock: new MonotonicClock(), renderer: model, debounceMs: 0, startAt: () => 0.25, continueFrom: () => 120 * HOP, onReady: () => undefined });
    engine.request(frames(200));
    await engine.idle();
    assert.deepEqual(model.calls.map((c) => c.length), [70, 80, 50], 'region to the voice, the voice\'s part, the prefix');
  });

  it('a gate\'s render (asked for by its scan, or hurried) asks the model for its region urgently (a voice waits for it); a CV\'s render, its voice part and every prefix do not', async () => {
    for (const how of ['gate scan', 'hurried', 'cv'] as const) {
      const model = frameIndexModel(1);
      const engine = new RenderEngine({ clock: new MonotonicClock(), renderer: model, debounceMs: how === 'hurried' ? 1000 : 0, startAt: () => 0.25, continueFrom: () => 120 * HOP, onReady: () => undefined });
      engine.request(frames(200));
      await engine.idle();
      model.calls.length = 0;
      engine.request(frames(200).map((r) => [r[0]! * 2, ...r.slice(1)]), how === 'gate scan');
      if (how === 'hurried') engine.hurry();
      await engine.idle();
      const urgent = model.calls.map((c) => `${c.length}${c.urgent ? ' urgent' : ''}`);
      assert.deepEqual(urgent, how === 'cv' ? ['70', '80', '50'] : ['150 urgent', '50'], how);
    }
  });

  it('while gate 2 loops, a CV\'s render asks its region\'s first chunk for a whole grain from the scrub position and is published once that is written; a gate\'s, or one with the loop off, asks nothing more', async () => {
    // 80 ms grains at 22050 Hz: 1764 samples. The scrub position is 501 samples into frame 50 of 200.
    const grain = Math.round(0.08 * 22050);
    const scrub = (50 * HOP + 501) / (200 * HOP);
    for (const how of ['cv, loop on', 'cv, loop off', 'gate, loop on'] as const) {
      const asked: Array<number | undefined> = [];
      const model: ModelRenderer = {
        id: 'first-frames', sampleRate: 22050, hop: HOP,
        render: async (f: number[][]) => new Float32Array(f.length * HOP),
        renderInto: async (_f: number[][], _seed: number, t: RenderTarget) => {
          asked.push(t.firstFrames);
          for (let written = 0, chunk = Math.max(LEAD_FRAMES, t.firstFrames ?? 0); written < t.audio.length; chunk = 4) {
            await new Promise((r) => setTimeout(r, 2));
            if (written > 0 && t.cancel && Atomics.load(t.cancel, 0)) return;
            written = Math.min(t.audio.length, written + chunk * HOP);
            Atomics.store(t.ready, 0, written);
          }
        },
      };
      let atPublication = -1;
      const engine = new RenderEngine({
        clock: new MonotonicClock(), renderer: model, debounceMs: 1000, startAt: () => scrub,
        loopGrainMs: () => (how.endsWith('loop on') ? 80 : 0),
        onReady: (r) => { if (r.filling && atPublication < 0) atPublication = Atomics.load(r.filling, REGION_WRITTEN); },
      });
      engine.request(frames(200), how.startsWith('gate'));
      await engine.idle();
      engine.stop();
      const firstFrames = how === 'cv, loop on' ? Math.ceil((501 + grain) / HOP) : undefined;
      assert.equal(asked[0], firstFrames, `${how}: the region's first chunk asked`);
      assert.ok(asked.slice(1).every((f) => f === undefined), `${how}: nothing more asked of the prefix`);
      if (firstFrames) assert.ok(atPublication >= 501 + grain, `${how}: published with ${atPublication} samples of the region, a grain from the scrub position needs ${501 + grain}`);
      else assert.equal(atPublication, LEAD_FRAMES * HOP, `${how}: published at the first chunk`);
    }
  });

  it('readableEnd with a voice region: it joins the region before it once that is written up to it, and is readable on its own before', () => {
    const spans = spanLayout(1000, 5000);
    Atomics.store(spans, VOICE_WRITTEN, 2048);
    assert.equal(readableEnd(spans, 5000, 20000), 7048, 'the voice reads its part before the region reaches it');
    assert.equal(readableEnd(spans, 7048, 20000), 7048, 'not past it');
    Atomics.store(spans, REGION_WRITTEN, 2000);
    assert.equal(readableEnd(spans, 1000, 20000), 3000, 'the region alone');
    assert.equal(readableEnd(spans, 4000, 20000), 4000, 'nothing between region and voice part');
    Atomics.store(spans, REGION_WRITTEN, 4000);
    assert.equal(readableEnd(spans, 1000, 20000), 7048, 'the region runs into the voice part');
    Atomics.store(spans, PREFIX, 1000);
    assert.equal(readableEnd(spans, 0, 20000), 7048, 'prefix, region and voice part joined');
    const noRegion = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    noRegion[VOICE_START] = 3000;
    Atomics.store(noRegion, VOICE_WRITTEN, 512);
    Atomics.store(noRegion, PREFIX, 3000);
    assert.equal(readableEnd(noRegion, 0, 20000), 3512, 'from the start (no scrub region) into the voice part');
  });

  it('readableEnd with a voice part before the region: prefix, voice part and region join in that order', () => {
    const spans = spanLayout(8000, 3000);
    Atomics.store(spans, REGION_WRITTEN, 2048);
    Atomics.store(spans, VOICE_WRITTEN, 1024);
    assert.equal(readableEnd(spans, 3000, 20000), 4024, 'the voice reads its part alone while it does not reach the region');
    assert.equal(readableEnd(spans, 0, 20000), 0, 'no prefix yet');
    Atomics.store(spans, VOICE_WRITTEN, 5000);
    assert.equal(readableEnd(spans, 3500, 20000), 10048, 'the voice part runs into the region');
    Atomics.store(spans, PREFIX, 3000);
    assert.equal(readableEnd(spans, 0, 20000), 10048, 'prefix, voice part and region joined');
    Atomics.store(spans, STOPPED, SEALED);
    assert.equal(writtenEnd(spans, 0, 20000), 10048, 'sealed: what the model wrote still told apart');
  });

  it('readableEnd: a prefix, a region, both joined, and nothing in between', () => {
    const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    assert.equal(readableEnd(null, 5, 100), 100);
    assert.equal(readableEnd(spans, 0, 100), 0);
    spans[REGION_START] = 40;
    spans[REGION_WRITTEN] = 30;
    assert.equal(readableEnd(spans, 50, 100), 70);
    assert.equal(readableEnd(spans, 10, 100), 10, 'before the region, nothing of the prefix written yet');
    spans[PREFIX] = 20;
    assert.equal(readableEnd(spans, 10, 100), 20);
    spans[PREFIX] = 40;
    assert.equal(readableEnd(spans, 10, 100), 70, 'prefix and region joined');
    assert.equal(readableEnd(spans, 80, 100), 80);
  });

  it('a voice far into its sound tells where it is (soundingAt), and crossfades to a newer render written from there while the region is far behind', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, attackSamples: 1, crossfadeSamples: 64 });
    const out = new Float32Array(128);
    assert.equal(mixer.soundingAt, -1, 'no voice');
    mixer.setRender(new Float32Array(40 * HOP).fill(0.25), 1);
    mixer.trigger();
    for (let b = 0; b < 80; b++) mixer.fill(out);
    assert.equal(mixer.soundingAt, 80 * 128, 'the voice has read 80 blocks');
    const next = new Float32Array(new SharedArrayBuffer(40 * HOP * 4)).fill(0.75);
    const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(spans, PREFIX, 4 * HOP); // the scrub region (from 0) has its first chunk ...
    spans[VOICE_START] = Math.floor(mixer.soundingAt / HOP) * HOP; // ... and the voice's part its own
    Atomics.store(spans, VOICE_WRITTEN, 4 * HOP);
    mixer.setRender(next, 2, spans);
    mixer.fill(out);
    mixer.fill(out);
    assert.ok(Math.abs(out[127]! - 0.75) < 1e-6, `the voice plays the newer render (${out[127]})`);
    assert.equal(mixer.info.versionHeard, 2);
    assert.equal(mixer.info.starved, 0);
  });

  it('a voice catching up with a render still being written (not stopped) moves to the last complete render before the written end: no silence', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, attackSamples: 1, crossfadeSamples: 64 });
    const out = new Float32Array(128);
    mixer.setRender(new Float32Array(40 * HOP).fill(0.25), 1); // complete
    const filling = new Float32Array(new SharedArrayBuffer(40 * HOP * 4)).fill(0.75);
    const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(spans, PREFIX, 4 * HOP); // its first chunk, and the model thread falls behind
    mixer.setRender(filling, 2, spans);
    mixer.trigger();
    let silent = 0;
    let last = 0;
    for (let b = 0; b < 40; b++) {
      mixer.fill(out);
      silent += out.filter((v) => v === 0).length;
      last = out[127]!;
    }
    assert.equal(silent, 0, 'never a silent sample');
    assert.equal(mixer.info.starved, 0);
    assert.ok(Math.abs(last - 0.25) < 1e-6, `on the complete render past the written end (${last})`);
    Atomics.store(spans, PREFIX, 40 * HOP); // the rest is written
    mixer.fill(out);
    mixer.fill(out);
    assert.ok(Math.abs(out[127]! - 0.75) < 1e-6, `back on the newest once it is written there (${out[127]})`);
  });

  it('a voice reads a filling render only as far as it is written, holds, then goes on', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, attackSamples: 1 });
    const audio = new Float32Array(new SharedArrayBuffer(4096 * 4)).fill(0.5);
    const ready = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(ready, 0, 200);
    mixer.setRender(audio, 1, ready);
    mixer.trigger();
    const out = new Float32Array(128);
    mixer.fill(out);
    assert.ok(out[127]! > 0.4, 'first block plays');
    mixer.fill(out);
    assert.ok(out[71]! > 0.4 && out[72] === 0, `plays to sample 200 and holds there (${out[71]}, ${out[72]})`);
    assert.equal(mixer.info.starved, 1);
    mixer.fill(out);
    assert.equal(out[0], 0, 'still holding');
    Atomics.store(ready, 0, 4096);
    mixer.fill(out);
    assert.ok(out[0]! > 0.4, 'goes on once written');
    assert.equal(Number(mixer.info.starved), 0);
  });

  it('a sounding voice crossfades to a filling render only where it is written', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, attackSamples: 1, crossfadeSamples: 64 });
    mixer.setRender(new Float32Array(8192).fill(0.25), 1);
    mixer.trigger();
    const out = new Float32Array(128);
    mixer.fill(out);
    const next = new Float32Array(new SharedArrayBuffer(8192 * 4)).fill(0.75);
    const ready = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(ready, 0, 100); // behind the voice (at 128): the crossfade must wait
    mixer.setRender(next, 2, ready);
    mixer.fill(out);
    assert.ok(Math.abs(out[127]! - 0.25) < 0.01, `still the old render (${out[127]})`);
    Atomics.store(ready, 0, 8192);
    mixer.fill(out);
    mixer.fill(out);
    assert.ok(Math.abs(out[127]! - 0.75) < 0.01, `crossfaded once written (${out[127]})`);
  });

  it('a sounding voice never crossfades into the silence of a render sealed before it was written where the voice is', () => {
    // A render is published (its region written), a newer one starts and stops it, and it is
    // sealed before its part at the voice was written: the unwritten rest reads as silence. The
    // voice waiting to crossfade to it must not fade into that silence (5-11 ms holes in the LFO
    // patch with a panel client, bench:patches).
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, attackSamples: 1, crossfadeSamples: 64 });
    const out = new Float32Array(128);
    mixer.setRender(new Float32Array(8192).fill(0.25), 1); // complete
    mixer.trigger();
    mixer.fill(out);
    const audio = new Float32Array(new SharedArrayBuffer(8192 * 4)).fill(0); // nothing written at the voice
    const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(spans, PREFIX, 100); // written up to 100, behind the voice (at 128)
    mixer.setRender(audio, 2, spans);
    mixer.fill(out);
    Atomics.store(spans, STOPPED, SEALED); // replaced and sealed: the rest is silence
    let minAbs = Infinity;
    for (let block = 0; block < 8; block++) {
      mixer.fill(out);
      for (const v of out) minAbs = Math.min(minAbs, Math.abs(v));
    }
    assert.ok(minAbs > 0.2, `never faded into the sealed silence (quietest sample ${minAbs})`);
  });

  it('a voice on a render stopped short moves on before its written end, to the newest render written there or else the last complete one: no silence', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, attackSamples: 1, crossfadeSamples: 64 });
    const out = new Float32Array(128);
    mixer.setRender(new Float32Array(8192).fill(0.25), 1); // complete
    const filling = (level: number, written: number) => {
      const audio = new Float32Array(new SharedArrayBuffer(8192 * 4)).fill(level);
      const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
      Atomics.store(spans, PREFIX, written);
      return { audio, spans };
    };
    const a = filling(0.5, 1024);
    mixer.setRender(a.audio, 2, a.spans);
    mixer.trigger();
    mixer.fill(out);
    assert.ok(Math.abs(out[127]! - 0.5) < 0.01, 'plays the newest');
    const b = filling(0.75, 100); // a newer render, written only up to 100 (behind the voice, at 128)
    mixer.setRender(b.audio, 3, b.spans);
    Atomics.store(a.spans, STOPPED, STOPPING); // a was replaced: nothing past 1024 will come
    let minAbs = Infinity;
    const heard: number[] = [];
    for (let block = 0; block < 12; block++) {
      mixer.fill(out);
      for (const v of out) minAbs = Math.min(minAbs, Math.abs(v));
      heard.push(out[127]!);
    }
    assert.ok(minAbs > 0.2, `never silent (quietest sample ${minAbs})`);
    assert.ok(Math.abs(heard[heard.length - 1]! - 0.25) < 0.01, `the newest is not written there: the last complete render plays (${heard.join(' ')})`);
    Atomics.store(b.spans, PREFIX, 8192);
    mixer.fill(out);
    mixer.fill(out);
    assert.ok(Math.abs(out[127]! - 0.75) < 0.01, `and the newest once it is written (${out[127]})`);
  });

  it('a trigger where the newest render is not written yet plays the last complete render at once, then crossfades to the newest once written there', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, attackSamples: 1, crossfadeSamples: 64 });
    const out = new Float32Array(128);
    mixer.setRender(new Float32Array(8192).fill(0.25), 1); // complete
    const next = new Float32Array(new SharedArrayBuffer(8192 * 4)).fill(0.75);
    const ready = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(ready, REGION_START, 1000); // written from 1000 on (the scrub position when it was asked for) ...
    Atomics.store(ready, REGION_WRITTEN, 500);
    mixer.setRender(next, 2, ready);
    mixer.setPlayhead(4000 / 8192); // ... but the scrub has moved on to 4000
    mixer.trigger();
    mixer.fill(out);
    assert.equal(mixer.info.started, 1);
    assert.ok(Math.abs(out[127]! - 0.25) < 0.01, `sounds at once, from the complete render (${out[127]})`);
    assert.equal(mixer.info.starved, 0);
    Atomics.store(ready, REGION_WRITTEN, 7192); // written to the end
    mixer.fill(out);
    mixer.fill(out);
    assert.ok(Math.abs(out[127]! - 0.75) < 0.01, `crossfaded to the newest once written where the voice is (${out[127]})`);
  });

  it('with no complete render to fall back on, a trigger waits for the newest to be written', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, attackSamples: 1 });
    const out = new Float32Array(128);
    const audio = new Float32Array(new SharedArrayBuffer(8192 * 4)).fill(0.5);
    const ready = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(ready, REGION_START, 1000);
    Atomics.store(ready, REGION_WRITTEN, 500);
    mixer.setRender(audio, 1, ready);
    mixer.setPlayhead(4000 / 8192);
    mixer.trigger();
    mixer.fill(out);
    assert.ok(out.every((x) => x === 0), 'silent while not written');
    assert.equal(mixer.info.starved, 1);
    Atomics.store(ready, REGION_WRITTEN, 7192);
    mixer.fill(out);
    assert.ok(out[0]! > 0.4, 'plays once written');
  });

  it('a render named again once complete stays the one mixed and counts as in use (the slot is not given back under a voice)', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, attackSamples: 1 });
    const out = new Float32Array(128);
    const first = new Float32Array(4096).fill(0.25);
    mixer.setRender(first, 1);
    const audio = new Float32Array(new SharedArrayBuffer(4096 * 4)).fill(0.5);
    const ready = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(ready, PREFIX, 4096);
    mixer.setRender(audio, 2, ready);
    mixer.setRender(audio, 2); // complete now
    mixer.trigger();
    mixer.fill(out);
    assert.ok(Math.abs(out[127]! - 0.5) < 0.01);
    assert.equal(mixer.uses(audio), true);
    assert.equal(mixer.uses(first), false, 'the older complete render is no longer held');
  });

  it('gate 2: a loop started where the newest render is not written yet sounds at once from the last complete render, then takes the newest', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 20, grainOverlap: 0.5, volume: 1 });
    const out = new Float32Array(128);
    mixer.setRender(new Float32Array(22050).fill(0.25), 1);
    const next = new Float32Array(new SharedArrayBuffer(22050 * 4)).fill(-0.25);
    const ready = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(ready, REGION_START, 1000);
    Atomics.store(ready, REGION_WRITTEN, 500);
    mixer.setRender(next, 2, ready);
    mixer.setPlayhead(0.5);
    mixer.setLoop(true);
    mixer.fill(out);
    assert.ok(out.slice(1).every((x) => x > 0), 'the first block sounds, from the complete render');
    Atomics.store(ready, REGION_WRITTEN, 22050 - 1000);
    for (let b = 0; b < 10; b++) mixer.fill(out);
    assert.ok(out.every((x) => x < 0), 'the newest once written at the playhead');
  });

  it('gate 2: grains start at the playhead, as voices do, so the newest render\'s region carries them at once (under moving CVs no render completes)', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1 });
    const out = new Float32Array(128);
    mixer.setRender(new Float32Array(22050).fill(0.25), 1); // the last complete render, from long ago
    const next = new Float32Array(new SharedArrayBuffer(22050 * 4)).fill(-0.25);
    const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    // Published with its region only: from the scrub position's frame (0.9 of 22050 is in frame 38 of 512), 5 frames
    Atomics.store(spans, REGION_START, 38 * 512);
    Atomics.store(spans, REGION_WRITTEN, 5 * 512);
    mixer.setRender(next, 2, spans);
    mixer.setPlayhead(0.9);
    mixer.setLoop(true);
    let heard = 0;
    for (let b = 0; b < 6; b++) {
      mixer.fill(out);
      heard = Math.max(heard, mixer.info.versionHeard);
    }
    assert.equal(heard, 2, 'the grains read the newest render (a grain before the scrub position would read the old one)');
    assert.ok(out.every((x) => x <= 0), 'and only it');
  });

  it('gate 2: a grain takes the newest render only where it can play whole: written for a grain, or still being written; one stopped short is left to the last complete render', () => {
    for (const [how, written, stopped, expect] of [['written for a grain', 4 * 512, false, 2], ['still being written', 512, false, 2], ['stopped short of a grain', 512, true, 1]] as const) {
      const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1 });
      const out = new Float32Array(128);
      mixer.setRender(new Float32Array(22050).fill(0.25), 1);
      const next = new Float32Array(new SharedArrayBuffer(22050 * 4)).fill(-0.25);
      const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
      Atomics.store(spans, REGION_START, 21 * 512);
      Atomics.store(spans, REGION_WRITTEN, written);
      if (stopped) Atomics.store(spans, STOPPED, STOPPING);
      mixer.setRender(next, 2, spans);
      mixer.setPlayhead(0.5);
      mixer.setLoop(true);
      mixer.fill(out);
      assert.equal(mixer.info.versionHeard, expect, `${how}: the first grain reads render ${expect}`);
    }
  });

  it('gate 2: a sounding grain moves to a newer render written for the rest of it in the block it comes in, through a crossfade; not to one stopped short of the grain\'s end', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, crossfadeSamples: 64 });
    const out = new Float32Array(128);
    mixer.setRender(new Float32Array(22050).fill(0.25), 1);
    mixer.setPlayhead(0.5);
    mixer.setLoop(true);
    mixer.fill(out); // the first grain starts, on render 1; the next starts a hop (882 samples, 7 blocks) later
    assert.equal(mixer.info.versionHeard, 1);
    let last = out[127]!;
    let step = 0;
    const heard: number[] = [];
    mixer.setRender(new Float32Array(22050).fill(-0.25), 2);
    for (let block = 0; block < 3; block++) {
      mixer.fill(out);
      heard.push(mixer.info.versionHeard);
      for (const v of out) {
        step = Math.max(step, Math.abs(v - last));
        last = v;
      }
    }
    assert.deepEqual(heard, [2, 2, 2], 'the sounding grain reads render 2 from the block after it came, not from the next grain on');
    assert.ok(last < 0, `the loop sounds render 2 (${last})`);
    // From +0.25 to -0.25 over 64 samples, under a rising window: a crossfade's steps, not a jump.
    assert.ok(step < 0.02, `largest step ${step}`);
    assert.ok(!mixer.uses(new Float32Array(1)), 'nothing else is held');
    // Render 3 has written one frame where the grain is and is stopped: the grain stays on render 2.
    const three = new Float32Array(new SharedArrayBuffer(22050 * 4)).fill(0.5);
    const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
    Atomics.store(spans, REGION_START, 21 * 512);
    Atomics.store(spans, REGION_WRITTEN, 512);
    Atomics.store(spans, STOPPED, STOPPING);
    mixer.setRender(three, 3, spans);
    for (let block = 0; block < 3; block++) {
      mixer.fill(out);
      assert.equal(mixer.info.versionHeard, 2, `block ${block}: render 3 cannot carry the rest of the grain`);
      assert.ok(out.every((v) => v <= 0), 'no sample of render 3 (or of its silence past what it wrote)');
    }
  });

  it('gate 2: a sounding grain moves to a newer render of another length where a grain starts in it (the scrub position there), at the same age, not to the old sample position', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1, crossfadeSamples: 64 });
    const out = new Float32Array(128);
    mixer.setRender(new Float32Array(22050).fill(0.25), 1);
    mixer.setPlayhead(0.5);
    mixer.setLoop(true);
    for (let block = 0; block < 10; block++) mixer.fill(out); // grains sound from sample 11025 of render 1
    // CV1 moved to an entry twice as long: the scrub position (0.5) is at sample 22050 there. Where
    // the grains were in render 1 (from 11025), render 2 holds another part of the sound.
    const two = new Float32Array(44100).fill(0.9);
    two.fill(-0.25, 22050, 22050 + 1764);
    mixer.setRender(two, 2);
    const heard: number[] = [];
    for (let block = 0; block < 4; block++) {
      mixer.fill(out);
      heard.push(mixer.info.versionHeard);
      assert.ok(out.every((v) => v < 0.3), `block ${block}: nothing of render 2 away from the scrub position (max ${Math.max(...out)})`);
    }
    assert.deepEqual(heard, [2, 2, 2, 2], 'the sounding grains take render 2 in the block it comes');
    assert.ok(out.every((v) => v <= 0), `and sound its part at the scrub position only (${out[127]})`);
  });

  it('gate 2: where the newest render cannot carry a grain, the next grain reads the render the last one read if it still can, before the last complete render (under moving CVs, the one made at boot)', () => {
    const mixer = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: 22050, grainMs: 80, grainOverlap: 0.5, volume: 1 });
    const out = new Float32Array(128);
    mixer.setRender(new Float32Array(22050).fill(0.25), 1); // complete: the boot render
    const filling = (level: number, written: number, stopped: boolean) => {
      const audio = new Float32Array(new SharedArrayBuffer(22050 * 4)).fill(level);
      const spans = new Int32Array(new SharedArrayBuffer(4 * WRITTEN_SPAN_SLOTS));
      Atomics.store(spans, REGION_START, 21 * 512);
      Atomics.store(spans, REGION_WRITTEN, written);
      if (stopped) Atomics.store(spans, STOPPED, STOPPING);
      return { audio, spans };
    };
    mixer.setPlayhead(0.5);
    const two = filling(-0.25, 8 * 512, false);
    mixer.setRender(two.audio, 2, two.spans);
    mixer.setLoop(true);
    mixer.fill(out);
    assert.equal(mixer.info.versionHeard, 2, 'the first grain reads the newest, written for it');
    // Render 2 goes on to 8 frames and is stopped; render 3 has written one frame and is stopped too.
    Atomics.store(two.spans, STOPPED, STOPPING);
    const three = filling(0.1, 512, true);
    mixer.setRender(three.audio, 3, three.spans);
    const heard = new Set<number>();
    for (let block = 0; block < 16; block++) {
      mixer.fill(out);
      heard.add(mixer.info.versionHeard);
    }
    assert.ok(!heard.has(1), `grains read renders ${[...heard].join(', ')}: never the boot render while render 2 carries them`);
    assert.ok(mixer.uses(two.audio), 'render 2 is kept for the grains (its buffer is not given back)');
  });
});
