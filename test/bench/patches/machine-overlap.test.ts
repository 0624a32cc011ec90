import { strict as assert } from 'node:assert';
import type { ReplayMetrics } from '../../../core/engine/replay/replay-metrics';
import { awayFromStalls, quietFigures } from '../../../bench/patches/machine-overlap';
import { stallOverlapping } from '../../../bench/machine-stalls';

describe('bench:patches: the waits a machine stall overlapped', () => {
  const stalls = [{ atMs: 10_050, lateMs: 40, cpu: 1 }, { atMs: 20_000, lateMs: 12, cpu: 0 }];

  it('a wait overlaps a stall of 20 ms or more from 2 ms before its stamp to its end; shorter stalls do not count', () => {
    assert.equal(stallOverlapping(10_000, 10_060, stalls), true, 'the stall began inside the wait');
    assert.equal(stallOverlapping(10_080, 10_100, stalls), true, 'the wait began during the stall');
    assert.equal(stallOverlapping(10_000, 10_047, stalls), false, 'ended before the stall (its stamp less the probe\'s 2 ms sleep)');
    assert.equal(stallOverlapping(10_091, 10_120, stalls), false, 'began after it');
    assert.equal(stallOverlapping(19_990, 20_020, stalls), false, 'a 12 ms stall is below the count');
  });

  it('leaves out the waits a stall overlapped, and says how many', () => {
    const a = awayFromStalls([0.01, 0.05, 0.5], [5, 30, 6], 10_000, stalls);
    assert.deepEqual([a.met, a.of, a.spread.n, a.spread.max], [1, 3, 2, 6], 'the 30 ms wait from 10,050 ms met the stall');
  });

  it('splits a run\'s gates into not stepped and stepped and its CV changes, from the replay\'s epoch start; none on the virtual clock', () => {
    const m = {
      started_at_ms: 10_000, gate_at_s: [0.01, 0.06, 0.5, 0.9], gate_to_sound_ms: [4, 5, 20, 3], gate_stepped: [false, true, true, false],
      cv_to_audible_at_s: [0.03, 0.7], cv_to_audible_ms: [25, 18],
    } as unknown as ReplayMetrics;
    const q = quietFigures(m, stalls)!;
    assert.deepEqual([q.notStepped.met, q.notStepped.of, q.stepped.met, q.stepped.of, q.cv.met, q.cv.of], [0, 2, 1, 2, 1, 2]);
    assert.equal(q.stepped.spread.max, 20);
    assert.equal(quietFigures({ ...m, started_at_ms: null }, stalls), undefined);
  });
});
