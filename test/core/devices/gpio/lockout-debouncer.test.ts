import assert from 'node:assert/strict';
import { LockoutDebouncer } from '../../../../core/devices/gpio/lockout-debouncer';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';

describe('LockoutDebouncer', () => {
  it('accepts an edge at once, ignores bounces for the debounce time, then settles on the final level', async () => {
    const clock = new VirtualClock();
    const got: Array<[number, number]> = [];
    const d = new LockoutDebouncer(clock, 20, 1, (v, t) => got.push([v, t]));
    d.input(0, 0);
    d.input(1, 2);
    d.input(0, 3);
    d.input(1, 5); // ends the bounce high
    await clock.advance(30);
    assert.deepEqual(got, [
      [0, 0],
      [1, 20],
    ]);
  });

  it('emits nothing when the bounces end where they started', async () => {
    const clock = new VirtualClock();
    const got: number[] = [];
    const d = new LockoutDebouncer(clock, 20, 1, (v) => got.push(v));
    d.input(0, 0);
    d.input(1, 2);
    d.input(0, 4);
    await clock.advance(50);
    assert.deepEqual(got, [0]);
  });
});
