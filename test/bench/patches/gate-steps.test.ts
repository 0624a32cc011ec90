import { strict as assert } from 'node:assert';
import { gateSteps } from '../../../bench/patches/gate-steps';
import { ReplayBuilder } from '../../../bench/patches/replay-builder';
import type { Replay } from '../../../core/engine/replay/replay-file';

/** One gate at 1 s after CV events given as [t, jack, volts]. */
function oneGate(cvs: Array<[number, number, number]>, jack = 1): Replay {
  const b = new ReplayBuilder(2);
  for (const [t, j, v] of cvs) b.cv(t, j, v);
  return b.pulse(1, jack, 0.05).build();
}

describe('bench:patches gate steps (issue #22: stepped = a CV jumped >= 0.5 V in the 20 ms before the gate)', () => {
  it('a jump of 0.5 V or more within 20 ms before the gate makes it stepped', () => {
    const [g] = gateSteps(oneGate([[0.5, 2, 1], [1 - 0.019, 2, 1.6]]));
    assert.equal(g!.stepped, true);
    assert.ok(Math.abs(g!.jumpVolts - 0.6) < 1e-9);
  });

  it('the same jump 21 ms before, or a jump under 0.5 V, does not', () => {
    assert.equal(gateSteps(oneGate([[0.5, 2, 1], [1 - 0.021, 2, 1.6]]))[0]!.stepped, false);
    assert.equal(gateSteps(oneGate([[0.5, 2, 1], [1 - 0.005, 2, 1.45]]))[0]!.stepped, false);
  });

  it('counts jumps one event to the next: a slow slide of small steps is not a step', () => {
    const slide: Array<[number, number, number]> = [[0.5, 1, 0]];
    for (let k = 1; k <= 4; k++) slide.push([1 - 0.02 + k * 0.004, 1, k * 0.3]); // 1.2 V in 16 ms, 0.3 V at a time
    assert.equal(gateSteps(oneGate(slide))[0]!.stepped, false);
  });

  it('a CV set at the gate\'s instant is present at the gate; jacks start at 0 V', () => {
    const [g] = gateSteps(oneGate([[1, 3, 0.7]]));
    assert.equal(g!.stepped, true, 'set at the same instant, sorted before the gate');
    const raw: Replay = { duration_s: 2, events: [{ t: 1, type: 'gate', jack: 1, state: 'high' }, { t: 1, type: 'cv', jack: 3, volts: 0.7 }] };
    assert.equal(gateSteps(raw)[0]!.stepped, false, 'after the gate in the file: not present at it');
  });

  it('lists every rising gate on the assigned jacks, in order, with the age of the last CV1 change', () => {
    const b = new ReplayBuilder(3).cv(0.2, 1, -5).pulse(0.5, 1, 0.1).pulse(0.6, 2, 1).cv(0.99, 1, 5).pulse(1, 1, 0.1);
    const all = gateSteps(b.build());
    assert.deepEqual(all.map((g) => [g.t, g.jack]), [[0.5, 1], [0.6, 2], [1, 1]]);
    assert.ok(Math.abs(all[0]!.cv1AgeS - 0.3) < 1e-9 && Math.abs(all[2]!.cv1AgeS - 0.01) < 1e-9);
    assert.deepEqual(gateSteps(b.build(), [1]).map((g) => g.t), [0.5, 1], 'gate 2 left out when not assigned');
  });
});
