import assert from 'node:assert/strict';
import { mixToMono } from '../../../core/audio/mono-mixdown';

describe('mixToMono', function () {
  it('returns a single channel as is and averages several', function () {
    const a = Float32Array.of(1, -1);
    assert.equal(mixToMono([a]), a);
    assert.deepEqual([...mixToMono([a, Float32Array.of(0, 1), Float32Array.of(0.5, 0.5)])], [0.5, 0.5 / 3].map(Math.fround));
  });
});
