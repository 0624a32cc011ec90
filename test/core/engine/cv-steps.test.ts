import { strict as assert } from 'node:assert';
import type { CvScan } from '../../../core/devices/cv-adc/cv-adc';
import { CvSteps, STEP_WINDOW_MS } from '../../../core/engine/cv-steps';
import { RenderVolts } from '../../../core/engine/render-volts';

const scan = (timeMs: number, ...volts: number[]): CvScan => ({
  timeMs, taps: [], jacks: volts.map((v, i) => ({ jack: i + 1, volts: v, timeMs, fresh: true })),
});

describe('stepped gates: CvSteps and RenderVolts', () => {
  it('a CV that drifts never steps, however far it goes; one that moves 0.5 V between scans does', () => {
    const steps = new CvSteps([1, 2]);
    for (let k = 0; k <= 200; k++) steps.push(scan(k * 5, k * 0.04, 0)); // 8 V in a second, 0.2 V per scan
    assert.equal(steps.steppedSince(1000 - STEP_WINDOW_MS), false);
    steps.push(scan(1005, 8, 0.6)); // jack 2 steps
    assert.equal(steps.steppedSince(1005 - STEP_WINDOW_MS), true);
    steps.push(scan(1010, 8, 0.6));
    assert.equal(steps.steppedSince(1030 - STEP_WINDOW_MS), false, 'the step is more than 20 ms old');
  });

  it('a render is a step away when a CV at the gate is 0.5 V from what it was asked for, or when it is unknown', () => {
    const volts = new RenderVolts([1, 2], 4);
    volts.record(7, scan(0, 1, 2));
    assert.equal(volts.steppedFrom(7, scan(10, 1.4, 2.3)), false);
    assert.equal(volts.steppedFrom(7, scan(10, 1, 2.5)), true);
    assert.equal(volts.steppedFrom(6, scan(10, 1, 2)), true, 'a version it does not know');
    for (let v = 8; v < 12; v++) volts.record(v, scan(v, 0, 0));
    assert.equal(volts.steppedFrom(7, scan(10, 1, 2)), true, 'forgotten after `capacity` newer versions');
    assert.equal(new RenderVolts([]).steppedFrom(0, scan(0)), false, 'no CV jacks: never stepped');
  });
});
