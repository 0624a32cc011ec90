import assert from 'node:assert/strict';
import { frameRms } from '../../../core/descriptors/rms';

describe('frameRms', function () {
  it('is sqrt(mean(x^2)) over the frame with no window', function () {
    assert.equal(frameRms(new Float64Array(2048).fill(0.5)), 0.5);
    assert.equal(frameRms(new Float64Array(2048).fill(-1)), 1);
    const half = new Float64Array(2048);
    half.fill(1, 0, 1024);
    assert.equal(frameRms(half), Math.SQRT1_2);
    assert.equal(frameRms(new Float64Array(2048)), 0);
  });
});
