import assert from 'node:assert/strict';
import { FRAME_LENGTH, isInteriorFrame, librosaFrameCount, loadFrame } from '../../../core/descriptors/frame-grid';

describe('frame grid', function () {
  it('counts T = 1 + floor(n / 512) frames, also below one frame length', function () {
    assert.equal(librosaFrameCount(1), 1);
    assert.equal(librosaFrameCount(511), 1);
    assert.equal(librosaFrameCount(512), 2);
    assert.equal(librosaFrameCount(1000), 2);
    assert.equal(librosaFrameCount(22050), 44);
    assert.equal(librosaFrameCount(231525), 453);
  });

  it('centres frames: frame t starts 1024 samples before 512 t, zero or edge padded', function () {
    const y = Float32Array.from({ length: 3000 }, (_, i) => i + 1);
    const out = new Float64Array(FRAME_LENGTH);
    loadFrame(y, 0, out, 'zeros');
    assert.equal(out[1023], 0);
    assert.equal(out[1024], 1);
    assert.equal(out[2047], 1024);
    loadFrame(y, 0, out, 'edge');
    assert.equal(out[0], 1);
    assert.equal(out[1023], 1);
    loadFrame(y, 2, out, 'zeros');
    assert.equal(out[0], 1);
    assert.equal(out[2047], 2048);
    loadFrame(y, 5, out, 'edge');
    assert.equal(out[0], 512 * 5 - 1024 + 1);
    assert.equal(out[3000 - (512 * 5 - 1024) - 1], 3000);
    assert.equal(out[2047], 3000);
    loadFrame(y, 5, out, 'zeros');
    assert.equal(out[2047], 0);
    assert.equal(isInteriorFrame(2, 3000), true);
    assert.equal(isInteriorFrame(1, 3000), false);
    assert.equal(isInteriorFrame(4, 3000), false);
  });
});
