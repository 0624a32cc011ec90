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

  it('a fast LFO never steps however its scans are spaced; its saw reset and a square edge do, the level held after them does not', () => {
    // A sine of 3.2 V at 4.76 Hz moves up to 0.48 V in a 5 ms scan: scans 4 to 7 ms apart (jitter),
    // a 14 ms stall and gate scans squeezed in 0.4 ms after a periodic one.
    const sine = (ms: number): number => 3.2 * Math.sin((2 * Math.PI * 4.76 * ms) / 1000);
    const steps = new CvSteps([1]);
    let t = 0;
    let rng = 7;
    const gaps: number[] = [];
    for (let k = 0; k < 400; k++) {
      rng = (rng * 1103515245 + 12345) % 2 ** 31;
      const gap = k === 200 ? 14 : k % 17 === 0 ? 0.4 : 4 + (rng / 2 ** 31) * 3;
      gaps.push(gap);
      t += gap;
      steps.push(scan(t, sine(t)));
      assert.equal(steps.steppedSince(0), false, `a drifting sine stepped at ${t.toFixed(1)} ms (after a ${gap.toFixed(1)} ms gap)`);
    }
    assert.ok(Math.max(...gaps.map((g, k) => (g >= 4 ? Math.abs(sine(gaps.slice(0, k + 1).reduce((a, b) => a + b, 0)) - sine(gaps.slice(0, k).reduce((a, b) => a + b, 0))) : 0))) >= 0.5, 'the case holds bare jumps of 0.5 V or more');

    const saw = new CvSteps([1]);
    for (let ms = 0; ms <= 100; ms += 5) saw.push(scan(ms, -1.5 + (ms / 105) * 3)); // a 9.5 Hz saw's ramp
    assert.equal(saw.steppedSince(0), false);
    saw.push(scan(105, -1.5)); // the reset
    assert.equal(saw.steppedSince(100), true, 'a saw reset steps');

    const square = new CvSteps([1]);
    for (let ms = 0; ms <= 50; ms += 5) square.push(scan(ms, -4));
    square.push(scan(55, 4));
    assert.equal(square.steppedSince(50), true, 'a square edge steps');
    for (let ms = 60; ms <= 90; ms += 5) square.push(scan(ms, 4));
    assert.equal(square.steppedSince(60), false, 'the level held after an edge is no new step');
  });

  it('an LFO moving in stairs as fast as the scans never steps, though a scan sees none of its stairs and the next two', () => {
    // A replay's LFO: a new value every 5 ms (0.48 V stairs at its steepest), read by scans every
    // 5.1 ms: the two beat, so now and then a scan sees the same stair again and the next sees two.
    const stair = (ms: number): number => 3.2 * Math.sin((2 * Math.PI * 4.76 * Math.floor(ms / 5) * 5) / 1000);
    const steps = new CvSteps([2]);
    let twoStairs = 0;
    for (let k = 1; k < 400; k++) {
      const t = k * 5.1;
      if (Math.abs(stair(t) - stair(t - 5.1)) >= 0.5) twoStairs++;
      steps.push({ timeMs: t, taps: [], jacks: [{ jack: 2, volts: stair(t), timeMs: t, fresh: true }] });
      assert.equal(steps.steppedSince(0), false, `stepped at ${t.toFixed(1)} ms`);
    }
    assert.ok(twoStairs >= 3, `the case holds readings a double stair apart (${twoStairs})`);
  });

  it('a sequencer step steps even when its scan comes late, and a held reading counts for nothing', () => {
    const steps = new CvSteps([1, 2]);
    for (let ms = 0; ms <= 100; ms += 5) steps.push(scan(ms, 1, 0));
    steps.push(scan(118, 1.7, 0)); // 18 ms after the last scan (a stalled thread), a 0.7 V step
    assert.equal(steps.steppedSince(118 - STEP_WINDOW_MS), true, 'a gate at the late scan: the step fell within its window');
    const held = new CvSteps([1]);
    held.push(scan(0, 0));
    held.push({ timeMs: 5, taps: [], jacks: [{ jack: 1, volts: 9, timeMs: 5, fresh: false }] });
    assert.equal(held.steppedSince(0), false, 'a failed chip\'s held value is no step');
  });

  it('counts a step from the reading before the one that showed it: only a gate whose window surely holds it is stepped', () => {
    // A saw's reset between the readings at 100 and 105 ms: it may have come right after 100.
    const steps = new CvSteps([1]);
    for (let ms = 0; ms <= 100; ms += 5) steps.push(scan(ms, -1.5 + (ms / 105) * 3));
    steps.push(scan(105, -1.5));
    assert.equal(steps.steppedSince(120 - STEP_WINDOW_MS), true, 'a gate at 120 ms: the reset was at most 20 ms before it');
    assert.equal(steps.steppedSince(123 - STEP_WINDOW_MS), false, 'a gate at 123 ms: the reset may have been 23 ms before it, so the gate is not called stepped');
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
