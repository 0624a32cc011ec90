import assert from 'node:assert/strict';
import { fitCalibration, readPoint } from '../../../plugins/ui-core/calibration-flow';

const steady = (v: number, n = 32) => new Array<number>(n).fill(v);

describe('calibration flow', () => {
  it('fits offset and gain so that (raw - offset) x gain gives the patched volts', () => {
    const offset = 0.07;
    const gain = 1.03;
    const points = [0, 1, 5].map((target) => readPoint(target, steady(target / gain + offset)));
    const fit = fitCalibration(points);
    assert.ok(Math.abs(fit.offset - offset) < 1e-4, `offset ${fit.offset}`);
    assert.ok(Math.abs(fit.gain - gain) < 1e-4, `gain ${fit.gain}`);
  });

  it('refuses noisy readings', () => {
    const noisy = steady(1).map((v, i) => v + (i % 2 ? 0.1 : -0.1));
    assert.throws(() => readPoint(1, noisy), (e: Error & { code?: string }) => e.code === 'NR_CALIBRATION_REFUSED' && /noisy/.test(e.message));
  });

  it('refuses a reading far from the prompted volts (wrong patch)', () => {
    assert.throws(() => readPoint(1, steady(3.2)), /read 3\.20 V, expected 1 V/);
    assert.throws(() => readPoint(1, [NaN]), /no usable readings/);
  });

  it('refuses a gain or offset outside the limits and points off a line', () => {
    assert.throws(() => fitCalibration([readPoint(0, steady(0.5)), readPoint(1, steady(1.5)), readPoint(5, steady(5.5))].map((p) => ({ ...p, mean: p.mean * 2 }))), /gain|offset/);
    assert.throws(() => fitCalibration([{ target: 0, mean: 0, noise: 0 }, { target: 1, mean: 1.3, noise: 0 }, { target: 5, mean: 5, noise: 0 }]), /not on a line/);
  });
});
