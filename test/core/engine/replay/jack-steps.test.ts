import { strict as assert } from 'node:assert';
import { JackSteps } from '../../../../core/engine/replay/jack-steps';
import { cv1AtTheJacks, steppedAtTheJacks, type GateStep } from '../../../../bench/patches/gate-steps';

describe('stepped gates at the jacks (gate_stepped)', () => {
  it('calls a gate stepped when a CV jumped 0.5 V or more within 20 ms before it, by when the events reached the jacks', () => {
    const j = new JackSteps();
    for (let ms = 0; ms <= 100; ms += 5) j.cv(2, (ms / 5) * 0.45, ms); // a fast ramp in 0.45 V stairs: no jump
    assert.equal(j.stepped(101), false, 'stairs under 0.5 V are drift');
    assert.equal(j.cv(4, 2.06, 102), true, 'a first value 2.06 V from 0 V is a step');
    assert.equal(j.cv(4, -0.76, 110), true, 'a saw\'s reset is a step');
    assert.equal(j.cv(4, -0.4, 112), false, 'a move under 0.5 V is not');
    assert.equal(j.stepped(130), true, '20 ms after the reset');
    assert.equal(j.stepped(130.5), false, 'more than 20 ms after it');
    const k = new JackSteps();
    k.cv(1, 0.6, 5);
    assert.equal(k.stepped(10), true, 'jacks start at 0 V: a first value 0.6 V away is a jump');
  });

  it('the bench takes the jacks\' judgement over the replay file\'s, gate by gate, where the run reports it', () => {
    const gates: GateStep[] = [0.1, 0.2, 0.3].map((t) => ({ t, jack: 1, stepped: false, jumpVolts: 0, cv1AgeS: Infinity }));
    const judged = steppedAtTheJacks(gates, [false, true]);
    assert.deepEqual(judged.map((g) => g.stepped), [false, true, false], 'the third gate was not reached: the file\'s judgement stays');
    assert.deepEqual(steppedAtTheJacks(gates, undefined).map((g) => g.stepped), [false, false, false]);
  });

  it('the bench ages CV1\'s latest step at each gate as the jacks saw both, where the run reports them', () => {
    // The file puts CV1's step 1.09 ms before the gate at 6.51262 s; the cable played the step 4.43 ms late and the gate 4.2 ms late.
    const gates: GateStep[] = [{ t: 6.51262, jack: 1, stepped: true, jumpVolts: 10, cv1AgeS: 0.00109 }, { t: 7, jack: 1, stepped: true, jumpVolts: 10, cv1AgeS: 0.002 }];
    const cvSteps = [{ jack: 1, at_s: 6.2 }, { jack: 2, at_s: 6.516 }, { jack: 1, at_s: 6.515956 }, { jack: 1, at_s: 6.9 }];
    const aged = cv1AtTheJacks(gates, [6.516846], cvSteps);
    assert.ok(Math.abs(aged[0]!.cv1AgeS - 0.00089) < 1e-9, `0.89 ms at the jacks: ${aged[0]!.cv1AgeS}`);
    assert.equal(aged[1]!.cv1AgeS, 0.002, 'a gate past the reported ones keeps the file\'s age');
    assert.deepEqual(cv1AtTheJacks(gates, undefined, cvSteps), gates);
    assert.equal(cv1AtTheJacks(gates, [6.1], cvSteps)[0]!.cv1AgeS, 0.00109, 'no CV1 step had reached its jack yet: the file\'s age');
  });
});
