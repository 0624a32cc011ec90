import assert from 'node:assert/strict';
import { FrameTransform } from '../../../core/descriptors/frame-transform';
import { CMND_LENGTH, YinDifference } from '../../../core/descriptors/yin-difference';
import { yinF0 } from '../../../core/descriptors/yin-period';

/** Direct O(N^2) CMND from PARAMETERS.md section 9, to check the FFT version against. */
function directCmnd(x: Float64Array): Float64Array {
  const d = new Float64Array(442);
  const energy = (tau: number): number => {
    let e = 0;
    for (let j = 1; j <= 1024; j++) e += x[j + tau] * x[j + tau];
    return e;
  };
  const e0 = energy(0);
  for (let tau = 0; tau <= 441; tau++) {
    let r = 0;
    for (let j = 1; j <= 1024; j++) r += x[j] * x[j + tau];
    d[tau] = e0 + energy(tau) - 2 * r;
  }
  const c = new Float64Array(438);
  let sum = 0;
  for (let tau = 1; tau <= 441; tau++) {
    sum += d[tau];
    if (tau >= 4) c[tau - 4] = d[tau] / (sum / tau);
  }
  return c;
}

describe('YIN', function () {
  const transform = new FrameTransform();
  const difference = new YinDifference();
  const cmnd = new Float64Array(CMND_LENGTH);
  const yin = {
    compute(x: Float64Array, out: Float64Array): void {
      transform.compute(x);
      difference.compute(x, transform, out);
    },
  };

  it('FFT difference function equals the direct sum over j = 1..1024', function () {
    let seed = 7;
    const x = Float64Array.from({ length: 2048 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1);
    yin.compute(x, cmnd);
    const direct = directCmnd(x);
    for (let i = 0; i < CMND_LENGTH; i++) assert.ok(Math.abs(cmnd[i] - direct[i]) < 1e-9, `tau ${i + 4}: ${cmnd[i]} vs ${direct[i]}`);
  });

  it('finds the period of low sines (periods of 50 to 200 samples) within 0.1 %', function () {
    for (const hz of [441, 220.5, 110.25, 60]) {
      const x = Float64Array.from({ length: 2048 }, (_, i) => 0.8 * Math.sin((2 * Math.PI * hz * i) / 22050));
      yin.compute(x, cmnd);
      const f0 = yinF0(cmnd);
      assert.ok(Math.abs(f0 - hz) / hz < 1e-3, `${hz} Hz sine gave ${f0}`);
    }
  });

  it('finds the period of high sines (10 to 22 samples) within 0.5 %, the parabolic refinement limit', function () {
    for (const hz of [1000, 1102.5, 2205]) {
      const x = Float64Array.from({ length: 2048 }, (_, i) => 0.8 * Math.sin((2 * Math.PI * hz * i) / 22050));
      yin.compute(x, cmnd);
      const f0 = yinF0(cmnd);
      assert.ok(Math.abs(f0 - hz) / hz < 5e-3, `${hz} Hz sine gave ${f0}`);
    }
  });

  it('gives 5512.5 Hz for silence (no trough, first global minimum at period 4)', function () {
    yin.compute(new Float64Array(2048), cmnd);
    assert.equal(yinF0(cmnd), 5512.5);
  });

  it('falls back to the global minimum when no trough is below 0.1', function () {
    const c = new Float64Array(CMND_LENGTH).fill(0.5);
    c[96] = 0.2; // period 100, a trough but above the threshold
    c[95] = 0.3;
    c[97] = 0.3; // symmetric: no parabolic shift
    assert.equal(yinF0(c), 220.5);
  });

  it('takes the first trough below 0.1, not the deepest', function () {
    const c = new Float64Array(CMND_LENGTH).fill(0.5);
    c[46] = 0.05; // period 50
    c[96] = 0.01; // period 100, deeper
    assert.equal(yinF0(c), 441);
  });
});
