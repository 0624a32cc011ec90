import { strict as assert } from 'node:assert';
import { BlockMixer } from '../../../core/engine/block-mixer';
import { HURRY_SAMPLES } from '../../../core/engine/render-crossfade';
import { PREFIX_PLAYED, REGION_PLAYED, REGION_START, REGION_WRITTEN, PREFIX, VOICE_PLAYED, VOICE_START, VOICE_WRITTEN, WRITTEN_SPAN_SLOTS, markPlayed } from '../../../core/engine/written-span';

const sr = 22050;
function tone(seconds: number, f = 220, amp = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * sr) }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / sr));
}
function mixer(polyphony = 2) {
  return new BlockMixer({ blockSize: 128, polyphony, sampleRate: sr, grainMs: 80, grainOverlap: 0.5, volume: 1 });
}

describe('BlockMixer', () => {
  it('plays a trigger in the next block and stays silent without a render', () => {
    const m = mixer();
    const out = new Float32Array(128);
    m.trigger();
    m.fill(out);
    assert.equal(m.info.notReady, 1);
    assert.ok(out.every((s) => s === 0));
    m.setRender(tone(1), 1);
    m.trigger();
    m.fill(out);
    assert.equal(m.info.started, 1);
    assert.ok(out.some((s) => Math.abs(s) > 0.1));
  });

  it('steals the oldest voice with a short fade: no step larger than the signal allows', () => {
    // A constant-level render makes any click a large sample-to-sample step.
    const dc = new Float32Array(sr).fill(0.3);
    const m = mixer(2);
    m.setRender(dc, 1);
    const out = new Float32Array(128);
    let prev = 0;
    let maxStep = 0;
    for (let block = 0; block < 200; block++) {
      if (block % 3 === 0) m.trigger();
      m.fill(out);
      for (const s of out) {
        maxStep = Math.max(maxStep, Math.abs(s - prev));
        prev = s;
      }
      assert.ok(m.activeVoices <= 2);
    }
    // Attack ramp is 8 samples of a 0.3 level: steps of 0.0375; the steal fade is 64 samples.
    assert.ok(maxStep <= 0.3 / 8 + 1e-6, `largest step ${maxStep}`);
  });

  it('coalesces a 1 kHz gate into at most one start per block and keeps within polyphony', () => {
    const m = mixer(2);
    m.setRender(tone(0.5), 1);
    const out = new Float32Array(128);
    let starts = 0;
    for (let block = 0; block < 100; block++) {
      for (let k = 0; k < 6; k++) m.trigger(); // ~1 kHz at 5.8 ms blocks
      m.fill(out);
      starts += m.info.started;
      assert.ok(m.activeVoices <= 2);
      for (const s of out) assert.ok(Math.abs(s) <= 1);
    }
    assert.equal(starts, 100);
  });

  it('a trigger that asks for a render version waits for it, then plays it, never the older render', () => {
    const m = mixer();
    const out = new Float32Array(128);
    const older = new Float32Array(sr).fill(0.25);
    const newer = new Float32Array(sr).fill(-0.5);
    m.setRender(older, 1);
    m.trigger(2);
    assert.equal(m.startsNextBlock, false, 'nothing to start while its render is missing');
    for (let block = 0; block < 5; block++) {
      m.fill(out);
      assert.equal(m.info.started, 0);
      assert.ok(out.every((v) => v === 0), 'silent while waiting: the older render is not played');
    }
    m.setRender(newer, 2);
    assert.equal(m.startsNextBlock, true, 'its render is here: the next block may use the reserve');
    m.fill(out);
    assert.equal(m.info.started, 1);
    assert.equal(m.info.staleStarts, 0);
    assert.ok(out[127]! < -0.4, `plays the newer render (${out[127]})`);
  });

  it('a waiting trigger given the gate\'s scrub position starts there, though the playhead moved while it waited', () => {
    // A ramp render: the sample value says where in the render the voice reads.
    const ramp = Float32Array.from({ length: sr }, (_, i) => i / sr);
    for (const given of [true, false]) {
      const m = mixer();
      const out = new Float32Array(128);
      m.setRender(new Float32Array(sr).fill(0.01), 1);
      m.setPlayhead(0.25);
      m.trigger(2, given ? 0.25 : -1);
      m.fill(out);
      m.setPlayhead(0.75); // an LFO on the scrub moved on while the render was computed
      m.setRender(ramp, 2);
      m.fill(out);
      assert.equal(m.info.started, 1);
      const where = out[127]! / 1; // attack-shaped, but the ramp's level tells the position
      if (given) assert.ok(where > 0.2 && where < 0.3, `started at the gate's position 0.25 (read ${where.toFixed(3)})`);
      else assert.ok(where > 0.6, `without it, at the playhead where it had moved (read ${where.toFixed(3)})`);
    }
  });

  it('a trigger whose render never comes plays the render it has after triggerWaitMs, counted stale', () => {
    const m = new BlockMixer({ blockSize: 128, polyphony: 2, sampleRate: sr, grainMs: 80, grainOverlap: 0.5, volume: 1, triggerWaitMs: 50 });
    const out = new Float32Array(128);
    m.setRender(new Float32Array(sr).fill(0.25), 1);
    m.trigger(7);
    const blocksToWait = Math.ceil((50 * sr) / 1000 / 128);
    let startedAt = -1;
    let stale = 0;
    for (let block = 0; block < 20 && startedAt < 0; block++) {
      m.fill(out);
      if (m.info.started) startedAt = block;
      stale += m.info.staleStarts;
    }
    assert.equal(startedAt, blocksToWait, 'waited its longest, then played');
    assert.equal(stale, 1);
    assert.ok(out[127]! > 0.2, 'with the render it had: never silent');
  });

  it('triggers waiting together coalesce into one voice that waits for the newest version asked', () => {
    const m = mixer();
    const out = new Float32Array(128);
    m.setRender(new Float32Array(sr).fill(0.1), 1);
    m.trigger(2);
    m.trigger(3);
    m.trigger();
    m.setRender(new Float32Array(sr).fill(0.2), 2);
    m.fill(out);
    assert.equal(m.info.started, 0, 'version 2 is older than the newest asked (3)');
    m.setRender(new Float32Array(sr).fill(0.3), 3);
    m.fill(out);
    assert.equal(m.info.started, 1);
    assert.ok(Math.abs(out[127]! - 0.3) < 1e-6);
    m.fill(out);
    assert.equal(m.info.started, 0, 'one voice for the three triggers');
  });

  it('gate 2 loops: sound continues well past the render while looping and stops after', () => {
    const m = mixer();
    m.setRender(tone(0.2), 1);
    m.setPlayhead(0.5);
    m.setLoop(true);
    const out = new Float32Array(128);
    let loudBlocks = 0;
    for (let block = 0; block < 200; block++) {
      m.fill(out);
      if (out.some((s) => Math.abs(s) > 0.05)) loudBlocks++;
    }
    assert.ok(loudBlocks > 190, `loud blocks ${loudBlocks}`);
    m.setLoop(false);
    for (let block = 0; block < 20; block++) m.fill(out);
    assert.ok(out.every((s) => s === 0));
  });

  it('crossfades sounding voices to a new render instead of cutting', () => {
    const m = mixer();
    m.setRender(new Float32Array(sr).fill(0.2), 1);
    m.trigger();
    const out = new Float32Array(128);
    m.fill(out);
    m.setRender(new Float32Array(sr).fill(-0.2), 2);
    let prev = out[127]!;
    let maxStep = 0;
    for (let block = 0; block < 10; block++) {
      m.fill(out);
      for (const s of out) {
        maxStep = Math.max(maxStep, Math.abs(s - prev));
        prev = s;
      }
    }
    assert.ok(Math.abs(prev + 0.2) < 1e-3, 'reached the new render');
    assert.ok(maxStep < 0.01, `largest step ${maxStep}`);
    assert.equal(m.info.versionHeard, 2);
  });

  it('renders coming faster than a crossfade: each crossfade finishes, hurried, then the voice goes to the newest (never back to the render it left: no click), and every render it took is heard within a block', () => {
    // Levels far apart make a crossfade cut short a large step; a new render every half crossfade
    // (the default crossfade is 256 samples, two blocks), as under an LFO on every CV.
    const m = mixer();
    m.setRender(new Float32Array(sr).fill(0.3), 1);
    m.trigger();
    const out = new Float32Array(128);
    m.fill(out);
    let prev = out[127]!;
    let maxStep = 0;
    const heard: number[] = [];
    for (let block = 0; block < 24; block++) {
      if (block < 16) m.setRender(new Float32Array(sr).fill(block % 2 === 0 ? -0.3 : 0.3), block + 2);
      m.fill(out);
      heard.push(m.info.versionHeard);
      for (const s of out) {
        maxStep = Math.max(maxStep, Math.abs(s - prev));
        prev = s;
      }
    }
    // A crossfade between +-0.3 hurried to its end within HURRY_SAMPLES moves 0.6 / 64 = 0.0094 a
    // sample at most (256 samples, unhurried: 0.0023); a cut would move 0.6.
    assert.ok(maxStep < 0.6 / HURRY_SAMPLES + 1e-4, `largest step ${maxStep.toFixed(4)}: a crossfade was cut short`);
    // The render set before block b (version b + 2) is heard in that block: the crossfade under
    // way ends within HURRY_SAMPLES instead of its full 256 (two blocks), and its crossfade begins.
    for (let b = 0; b < 16; b++) assert.equal(heard[b], b + 2, `block ${b}: render ${b + 2} came before it (heard ${heard.join(' ')})`);
    assert.equal(heard[heard.length - 1], 17, 'the newest render is the one read at the end');
    assert.ok(Math.abs(prev - 0.3) < 1e-3, `and its level reached (${prev})`);
    for (let i = 1; i < heard.length; i++) assert.ok(heard[i]! >= heard[i - 1]!, `heard ${heard.join(' ')}: never an older render again`);
  });

  it('a newer render replaces a crossfade that stalled (the render it goes to is not written where the voice is) and one the voice must leave now', () => {
    const m = mixer();
    m.setRender(new Float32Array(sr).fill(0.2), 1);
    m.trigger();
    const out = new Float32Array(128);
    for (let block = 0; block < 10; block++) m.fill(out); // 1280 samples in
    // Render 2 is written up to 1300 only (a render stopped short): the crossfade begins, then stalls.
    const short = new Int32Array(new SharedArrayBuffer(24));
    short[0] = 1300;
    m.setRender(new Float32Array(sr).fill(-0.2), 2, short);
    m.fill(out);
    m.setRender(new Float32Array(sr).fill(0.1), 3);
    for (let block = 0; block < 6; block++) m.fill(out);
    assert.equal(m.info.versionHeard, 3, 'the stalled crossfade gave way to the newest render');
    assert.ok(Math.abs(out[127]! - 0.1) < 1e-3, `at its level (${out[127]})`);
  });

  it('a voice past the end of a newer, shorter render crossfades into its silence and ends: it hears the new CVs, without a click', () => {
    const m = mixer();
    m.setRender(new Float32Array(sr).fill(0.2), 1);
    m.trigger();
    const out = new Float32Array(128);
    for (let block = 0; block < 100; block++) m.fill(out); // the voice is 12,800 samples in
    m.setRender(new Float32Array(sr / 2).fill(-0.2), 2); // the new CVs ask for a sound that ends at 11,025
    let prev = out[127]!;
    let maxStep = 0;
    let heard = 0;
    for (let block = 0; block < 10; block++) {
      m.fill(out);
      heard = Math.max(heard, m.info.versionHeard);
      for (const s of out) {
        maxStep = Math.max(maxStep, Math.abs(s - prev));
        prev = s;
      }
    }
    assert.equal(heard, 2, 'the voice read the new render');
    assert.ok(out.every((s) => s === 0), 'and ended with it');
    assert.ok(maxStep < 0.01, `largest step ${maxStep}`);
    m.trigger();
    m.fill(out);
    assert.ok(out.some((s) => s < -0.1), 'a new gate plays the new render');
  });
});

describe('BlockMixer: how far voices have played a render still being written (RenderTarget.played)', () => {
  /** Spans of a render of `length` with its region from `region` (a gate starts there) and a voice's part from `voice` (0: none), both written to the end. */
  function spans(length: number, region: number, voice = 0): Int32Array {
    const s = new Int32Array(new SharedArrayBuffer(WRITTEN_SPAN_SLOTS * 4));
    s[REGION_START] = region;
    s[VOICE_START] = voice;
    if (region > 0) {
      s[PREFIX] = region;
      s[REGION_WRITTEN] = (voice > region ? voice : length) - region;
    } else {
      s[PREFIX] = voice > 0 ? voice : length; // without a prefix the region counts into PREFIX
    }
    if (voice > 0) s[VOICE_WRITTEN] = length - voice;
    return s;
  }

  it('a voice counts into the part it reads, from that part\'s start, and only ever further', () => {
    const m = mixer();
    const ready = spans(sr, 0);
    m.setRender(new Float32Array(sr).fill(0.2), 1, ready);
    m.trigger();
    const out = new Float32Array(128);
    for (let block = 0; block < 3; block++) m.fill(out);
    // Without a prefix the region is the whole render and counts into the prefix's counter.
    assert.equal(ready[PREFIX_PLAYED], 3 * 128);
    assert.equal(ready[REGION_PLAYED], 0);
    assert.equal(ready[VOICE_PLAYED], 0);
  });

  it('attributes each position to its part: prefix, region, or the voice\'s part before or after the region', () => {
    const after = spans(10_000, 2000, 6000);
    for (const [pos, slot, value] of [[1500, PREFIX_PLAYED, 1500], [2000, PREFIX_PLAYED, 2000], [2100, REGION_PLAYED, 100], [6000, REGION_PLAYED, 4000], [6300, VOICE_PLAYED, 300]] as const) {
      markPlayed(after, pos);
      assert.equal(after[slot], value, `position ${pos}`);
    }
    const before = spans(10_000, 6000, 2000); // the voice sounds before the scrub position
    markPlayed(before, 2500);
    markPlayed(before, 6200);
    assert.deepEqual([before[PREFIX_PLAYED], before[VOICE_PLAYED], before[REGION_PLAYED]], [0, 500, 200]);
    markPlayed(before, 2100);
    assert.equal(before[VOICE_PLAYED], 500, 'a reader behind the furthest leaves it');
  });

  it('the first read of a part wakes a model waiting on it; counters of an older, shorter layout are left alone', async () => {
    const s = spans(10_000, 0);
    type WaitAsync = (a: Int32Array, i: number, v: number, t: number) => { async: boolean; value: Promise<string> | string };
    const w = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(s, PREFIX_PLAYED, 0, 5000);
    assert.ok(w.async);
    const t0 = performance.now();
    markPlayed(s, 128);
    assert.equal(await w.value, 'ok');
    assert.ok(performance.now() - t0 < 1000);
    const six = new Int32Array(new SharedArrayBuffer(24));
    markPlayed(six, 500);
    assert.deepEqual([...six], [0, 0, 0, 0, 0, 0]);
  });
});
