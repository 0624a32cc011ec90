import assert from 'node:assert/strict';
import { frameZeroCrossingRate } from '../../../core/descriptors/zero-crossing-rate';

describe('frameZeroCrossingRate', function () {
  it('counts sign changes between neighbours and divides by 2048', function () {
    const x = new Float64Array(2048).fill(1);
    x[10] = -1; // two crossings: into and out of the negative sample
    assert.equal(frameZeroCrossingRate(x), 2 / 2048);
  });

  it('treats zero and |x| <= 1e-10 as positive', function () {
    const x = new Float64Array(2048).fill(-1);
    x[100] = 0;
    x[200] = -1e-10;
    x[300] = -2e-10; // still negative: no crossing
    assert.equal(frameZeroCrossingRate(x), 4 / 2048);
  });

  it('never counts index 0 and gives 2047/2048 for a full alternation', function () {
    const x = Float64Array.from({ length: 2048 }, (_, i) => (i % 2 ? -1 : 1));
    assert.equal(frameZeroCrossingRate(x), 2047 / 2048);
    assert.equal(frameZeroCrossingRate(new Float64Array(2048)), 0);
  });
});
