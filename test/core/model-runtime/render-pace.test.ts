import { strict as assert } from 'node:assert';
import { laterChunkWanted } from '../../../core/model-runtime/render-pace';

const RATE_PER_MS = 22.05;
const AHEAD = 2048;

function counter(value = 0): Int32Array {
  const a = new Int32Array(new SharedArrayBuffer(4));
  a[0] = value;
  return a;
}

/** Whether `p` settles within `ms` (real clock), and how long it took. */
async function settlesWithin(p: Promise<void>, ms: number): Promise<{ settled: boolean; after: number }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([p.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  clearTimeout(timer);
  return { settled, after: performance.now() - t0 };
}

describe('laterChunkWanted (RenderTarget.played: later chunks only as the readers need them)', function () {
  this.timeout(10_000);
  const long = 60_000; // settle time out of the way, but where a test is about it

  it('resolves at once for a target that is not paced (no played counter)', async () => {
    const r = await settlesWithin(laterChunkWanted({ ready: counter(100_000) }, AHEAD, RATE_PER_MS, performance.now(), long), 50);
    assert.ok(r.settled);
  });

  it('resolves at once while fewer than the samples ahead are written past the furthest reader', async () => {
    const r = await settlesWithin(laterChunkWanted({ ready: counter(3000), played: counter(1000) }, AHEAD, RATE_PER_MS, performance.now(), long), 50);
    assert.ok(r.settled, '3000 written, 1000 played: 2000 ahead, less than 2048');
  });

  it('with nobody reading yet, waits past its lead until the first reader starts (notified), then resolves', async () => {
    const played = counter(0);
    const waiting = laterChunkWanted({ ready: counter(AHEAD + 512), played }, AHEAD, RATE_PER_MS, performance.now(), long);
    assert.equal((await settlesWithin(waiting, 150)).settled, false, 'still waiting after 150 ms with nobody reading');
    Atomics.store(played, 0, 600);
    Atomics.notify(played, 0);
    const r = await settlesWithin(waiting, 2000);
    assert.ok(r.settled, 'the first read woke it');
    assert.ok(r.after < 100, `at once: ${r.after.toFixed(1)} ms`);
  });

  it('with a reader, waits until the reader (playing in real time) is within the samples ahead', async () => {
    // 441 samples of slack: a reader playing in real time gets there in 20 ms.
    const played = counter(5000);
    const ready = counter(5000 + AHEAD + 441);
    const from = performance.now();
    const reader = setInterval(() => Atomics.store(played, 0, 5000 + Math.floor((performance.now() - from) * RATE_PER_MS)), 1);
    try {
      const r = await settlesWithin(laterChunkWanted({ ready, played }, AHEAD, RATE_PER_MS, from, long), 2000);
      assert.ok(r.settled, 'the reader came within reach');
      assert.ok(r.after >= 19, `not before it did: ${r.after.toFixed(1)} ms`);
      assert.ok(Atomics.load(ready, 0) - Atomics.load(played, 0) <= AHEAD + 22, 'then it was within the samples ahead');
    } finally {
      clearInterval(reader);
    }
  });

  it('with a reader that does not move, waits (it needs nothing more)', async () => {
    const waiting = laterChunkWanted({ ready: counter(5000 + AHEAD + 441), played: counter(5000) }, AHEAD, RATE_PER_MS, performance.now(), long);
    assert.equal((await settlesWithin(waiting, 120)).settled, false);
  });

  it('a stopped render (cancel set) stops waiting: at once when the stop is notified on played, as the engine does, else within a poll', async () => {
    for (const notified of [true, false]) {
      const cancel = counter(0);
      const played = counter(0);
      const waiting = laterChunkWanted({ ready: counter(AHEAD * 4), played, cancel }, AHEAD, RATE_PER_MS, performance.now(), long);
      assert.equal((await settlesWithin(waiting, 60)).settled, false);
      Atomics.store(cancel, 0, 1);
      if (notified) Atomics.notify(played, 0);
      const r = await settlesWithin(waiting, 1000);
      assert.ok(r.settled, `stopped (${notified ? 'notified' : 'polled'})`);
      if (notified) assert.ok(r.after < 15, `at once: ${r.after.toFixed(1)} ms`);
    }
  });

  it('a render that has settled (settleMs since it started) is written on, read or not', async () => {
    const started = performance.now();
    const r = await settlesWithin(laterChunkWanted({ ready: counter(AHEAD * 4), played: counter(0) }, AHEAD, RATE_PER_MS, started, 80), 3000);
    assert.ok(r.settled);
    assert.ok(performance.now() - started >= 79, `not before it settled: ${(performance.now() - started).toFixed(1)} ms`);
  });
});
