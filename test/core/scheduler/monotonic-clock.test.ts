import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InlineFineWaits } from '../../../core/scheduler/inline-fine-waits';
import { MonotonicClock } from '../../../core/scheduler/monotonic-clock';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** The clock's two ways of waiting under a millisecond: the process's timer thread, or sleeping in place. */
const FINE = [
  { name: 'fine timer thread', clock: () => new MonotonicClock() },
  { name: 'inline fine waits', clock: () => new MonotonicClock(new InlineFineWaits()) },
] as const;

for (const fine of FINE) describe(`MonotonicClock (${fine.name})`, function () {
  this.timeout(10000);

  it('never fires a timer early, sub-millisecond ones included, and fires each once', async () => {
    const clock = fine.clock();
    const early: string[] = [];
    const fired = new Map<number, number>();
    await Promise.all(
      [0, 0.05, 0.3, 0.7, 1.2, 1.9, 2.5, 4].flatMap((delay) =>
        Array.from({ length: 5 }, (_, i) => {
          const key = delay * 100 + i;
          const at = clock.now();
          return new Promise<void>((resolve) =>
            clock.setTimer(() => {
              if (clock.now() - at < delay) early.push(`${delay} ms fired after ${clock.now() - at}`);
              fired.set(key, (fired.get(key) ?? 0) + 1);
              resolve();
            }, delay),
          );
        }),
      ),
    );
    await clock.sleep(5); // a fallback timer that also fired would show now
    assert.deepEqual(early, []);
    assert.ok([...fired.values()].every((n) => n === 1), 'once each');
  });

  it('sleeps a third of a millisecond in well under the 1 ms floor of Node timers', async () => {
    const clock = fine.clock();
    await clock.sleep(0.3); // the fine timer's thread starts on first use
    const took: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = clock.now();
      await clock.sleep(0.33);
      took.push(clock.now() - t);
    }
    assert.ok(Math.min(...took) >= 0.33 - 1e-9, `shortest sleep(0.33) ${Math.min(...took)} ms`);
    assert.ok(median(took) < 0.8, `median sleep(0.33) took ${median(took).toFixed(3)} ms`);
  });

  it('a cleared timer does not fire, from either of its timers', async () => {
    const clock = fine.clock();
    let fired = 0;
    const handles = [0.2, 0.5, 1.5, 3].map((d) => clock.setTimer(() => fired++, d));
    for (const h of handles) clock.clearTimer(h);
    await clock.sleep(6);
    assert.equal(fired, 0);
  });
});

describe('MonotonicClock: a timer of 0 ms', () => {
  it('runs on the next turn of the event loop, after what is queued already; a cleared one never runs', async () => {
    const clock = new MonotonicClock();
    const order: string[] = [];
    const done = new Promise<void>((resolve) => clock.setTimer(() => { order.push('timer'); resolve(); }, 0));
    void Promise.resolve().then(() => order.push('microtask'));
    order.push('sync');
    const cleared = clock.setTimer(() => order.push('cleared'), 0);
    clock.clearTimer(cleared);
    await done;
    await clock.sleep(3);
    assert.deepEqual(order, ['sync', 'microtask', 'timer']);
  });

  it('starts no fine timer thread (a thread that boots with the host for nothing)', async function () {
    if (process.platform !== 'linux') this.skip();
    // In a fresh thread: this process's fine timer thread may already run for the tests above.
    const module = join(__dirname, '../../../core/scheduler/monotonic-clock.js');
    const code = `const { MonotonicClock } = require(${JSON.stringify(module)});
      const threads = () => require('node:fs').readdirSync('/proc/self/task').length;
      const before = threads();
      const clock = new MonotonicClock();
      clock.setTimer(() => setTimeout(() => require('node:worker_threads').parentPort.postMessage({ before, after: threads() }), 200), 0);`;
    const worker = new Worker(code, { eval: true });
    try {
      const { before, after } = await new Promise<{ before: number; after: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      assert.equal(after, before);
    } finally {
      await worker.terminate();
    }
  });
});

describe('InlineFineWaits', () => {
  it('lets the event loop turn between waits: an I/O callback waits at most one short wait while sub-ms timers run back to back', async () => {
    const clock = new MonotonicClock(new InlineFineWaits());
    let polling = true;
    const poll = (): void => void (polling && clock.setTimer(poll, 0.4)); // a gate polled every 0.4 ms
    poll();
    const lags: number[] = [];
    for (let i = 0; i < 50; i++) {
      const sent = performance.now();
      await new Promise<void>((resolve) => setImmediate(resolve));
      lags.push(performance.now() - sent);
    }
    polling = false;
    // One turn waits at most one 0.4 ms wait; the machine may preempt the thread now and then.
    assert.ok(median(lags) < 1, `event loop turns took ${median(lags).toFixed(2)} ms (median)`);
    assert.ok(Math.max(...lags) < 10, `event loop turns took up to ${Math.max(...lags).toFixed(2)} ms`);
  });
});

describe('MonotonicClock, coarse timers', () => {
  it('wakes its thread once for a timer of a fractional delay: Node truncates delays to whole ms, and a timer armed on that fired early and was armed again', async () => {
    const clock = new MonotonicClock();
    const realSetTimeout = globalThis.setTimeout;
    let armed = 0;
    globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      armed++;
      return realSetTimeout(...args);
    }) as typeof setTimeout;
    const early: string[] = [];
    const TIMERS = 20;
    try {
      for (let i = 0; i < TIMERS; i++) {
        const delay = 3.2 + (i % 5) * 1.7; // 3.2 to 10, never whole
        const at = clock.now();
        await new Promise<void>((resolve) => clock.setTimer(() => {
          if (clock.now() - at < delay) early.push(`${delay} ms fired after ${(clock.now() - at).toFixed(3)}`);
          resolve();
        }, delay));
      }
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    assert.deepEqual(early, []);
    // A turn of the event loop that started long before the timer was armed may still make Node fire one early.
    assert.ok(armed <= TIMERS + 2, `${armed} Node timers armed for ${TIMERS} timers`);
  });
});
