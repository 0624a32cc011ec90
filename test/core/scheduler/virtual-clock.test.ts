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
