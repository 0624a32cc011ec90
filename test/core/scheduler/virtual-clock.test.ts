import { strict as assert } from 'node:assert';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';

describe('VirtualClock', () => {
  it('fires timers in due order, ties in the order they were set, and never early', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimer(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimer(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimer(() => fired.push(`c@${clock.now()}`), 20);
    await clock.advance(15);
    assert.deepEqual(fired, ['a@10']);
    await clock.advance(5);
    assert.deepEqual(fired, ['a@10', 'b@20', 'c@20']);
    assert.equal(clock.now(), 20);
  });

  it('lets code awaiting sleep continue before time moves on', async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    void (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(5);
        seen.push(clock.now());
      }
    })();
    await clock.advance(100);
    assert.deepEqual(seen, [5, 10, 15]);
  });

  it('cancels cleared timers', async () => {
    const clock = new VirtualClock();
    let fired = false;
    const h = clock.setTimer(() => (fired = true), 1);
    clock.clearTimer(h);
    await clock.advance(10);
    assert.equal(fired, false);
    assert.equal(clock.pendingCount, 0);
  });
});

/** Issue #27: a replay of 200,000 events at one instant did not finish in 150 s. */
describe('VirtualClock timer heap (issue #27)', () => {
  it('fires 200,000 timers set for one instant in the order they were set, within seconds', async function () {
    this.timeout(60_000);
    const clock = new VirtualClock();
    const count = 200_000;
    const fired: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < count; i++) clock.setTimer(() => fired.push(i), 5);
    await clock.advance(10);
    const ms = performance.now() - t0;
    assert.equal(fired.length, count);
    assert.ok(fired.every((v, i) => v === i), 'ties fire in the order they were set');
    assert.equal(clock.pendingCount, 0);
    assert.equal(clock.heapSlots, 0);
    assert.ok(ms < 20_000, `${count} timers took ${ms.toFixed(0)} ms`);
  });

  it('does not grow with timers set and cleared: cancelled ones are dropped, the heap stays within twice those waiting', async () => {
    const clock = new VirtualClock();
    const kept = Array.from({ length: 100 }, (_, i) => clock.setTimer(() => undefined, 1_000 + i));
    let most = 0;
    for (let i = 0; i < 500_000; i++) {
      clock.clearTimer(clock.setTimer(() => undefined, 10_000 + (i % 977)));
      most = Math.max(most, clock.heapSlots);
    }
    assert.equal(clock.pendingCount, kept.length);
    assert.ok(most <= 2 * kept.length + 65, `the heap held ${most} slots for ${kept.length} timers waiting`);
    for (const h of kept.slice(0, 90)) clock.clearTimer(h);
    assert.equal(clock.pendingCount, 10);
    assert.ok(clock.heapSlots <= 2 * 10 + 65, `${clock.heapSlots} slots after clearing 90 of 100`);
  });

  it('keeps due order across cancellations and rebuilds of the heap', async () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    const handles = Array.from({ length: 1_000 }, (_, i) => clock.setTimer(() => fired.push(i), (i * 7919) % 1_000));
    for (let i = 0; i < 1_000; i += 3) clock.clearTimer(handles[i]!);
    await clock.advance(2_000);
    const expected = Array.from({ length: 1_000 }, (_, i) => i).filter((i) => i % 3 !== 0)
      .sort((a, b) => ((a * 7919) % 1_000) - ((b * 7919) % 1_000) || a - b);
    assert.deepEqual(fired, expected);
  });
});
