import { strict as assert } from 'node:assert';
import { appliedPlan, LOOP_BIAS_MS, loopFollow, type LoopPlan } from '../../../bench/patches/loop-follow';
import { bright, dark, ms, SR } from './synthetic-sounds';

/**
 * A loop as the recording holds it: steady sound of entry A or B (no decay), switching to the
 * entry of each step `lagMs[k]` after it (null: never before the next step), `offsetMs` later on
 * the recording than on the jacks.
 */
function loopRecording(plan: LoopPlan, lagMs: ReadonlyArray<number | null>, offsetMs: number, seconds: number): Float32Array {
  const x = new Float32Array(SR * seconds);
  const a = dark(x.length, 0.4, 1e9);
  const b = bright(x.length, 0.4, 1e9, 3);
  let entry = plan.holds[0]!.entry;
  let from = 0;
  const fill = (to: number): void => {
    for (let i = from; i < Math.min(to, x.length); i++) x[i] = (entry === 'A' ? a : b)[i]!;
    from = to;
  };
  plan.steps.forEach((s, k) => {
    const lag = lagMs[k];
    if (lag === null || lag === undefined) return;
    fill(ms((s.t * 1000) + lag + offsetMs));
    entry = s.entry;
  });
  fill(x.length);
  return x;
}

describe('bench:patches loop family: how soon the loop sounds like a CV1 step, from the recording', () => {
  const steps = [2, 2.4, 2.8, 3.2, 3.6].map((t, k) => ({ t, entry: (k % 2 === 0 ? 'B' : 'A') as 'A' | 'B', until: t + 0.4 }));
  const plan: LoopPlan = { holds: [{ entry: 'A', from: 0.2, to: 2 }, { entry: 'B', from: 3.6, to: 5 }], steps };

  it('reads each step\'s lag from where the sound changes, within the window\'s bias, and a step never followed as null', () => {
    const lags = [20, 45, 90, null, 30];
    const x = loopRecording(plan, lags, 25, 5);
    // Step 3 (to A) never came, so B still sounds at step 4 (to B): it reads 0.
    const want = [20, 45, 90, null, 0];
    const f = loopFollow(x, SR, 25, plan);
    assert.ok(f.separation > 6, `references ${f.separation.toFixed(1)} pooled sd apart`);
    f.followMs.forEach((got, k) => {
      if (want[k] === null) assert.equal(got, null, `step ${k} was never followed`);
      else assert.ok(got !== null && Math.abs(got - want[k]!) <= LOOP_BIAS_MS, `step ${k}: ${got} ms, the sound changed ${want[k]} ms after it`);
    });
  });

  it('places the steps where they reached the jacks: a cable that fell behind no longer reads as a slow loop', () => {
    // The cable applied every step 120 ms late; the loop followed each 20 ms after it really came.
    const late = appliedPlan(plan, steps.map((s) => ({ jack: 1, t: s.t, at_s: s.t + 0.12 })));
    assert.deepEqual(late.steps.map((s) => +(s.t - 0.12).toFixed(6)), steps.map((s) => s.t));
    assert.equal(+(late.holds[1]!.from - 0.12).toFixed(6), 3.6, 'the holds move with the steps');
    const x = loopRecording(late, [20, 20, 20, 20, 20], 25, 5);
    assert.ok(loopFollow(x, SR, 25, late).followMs.every((v) => v !== null && Math.abs(v - 20) <= LOOP_BIAS_MS));
    const asWritten = loopFollow(x, SR, 25, plan).followMs;
    assert.ok(asWritten.every((v) => v === null || v >= 135), `read on the replay's times they look 120 ms slower (${asWritten.join(', ')})`);
  });
});
