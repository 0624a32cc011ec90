import assert from 'node:assert/strict';
import { rgb565ToRgb888, rgbaToRgb565be } from '../../../../core/devices/display/rgb565';

describe('rgbaToRgb565be', () => {
  const rgba = Uint8ClampedArray.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 0, 0x12, 0x34, 0x56, 255, 255, 255, 255, 255, 7, 3, 7, 9]);
  // Worked by hand: r5 << 11 | g6 << 5 | b5, high byte first.
  const expected = [0xf8, 0x00, 0x07, 0xe0, 0x00, 0x1f, 0x11, 0xaa, 0xff, 0xff, 0x00, 0x00];

  it('packs R5 G6 B5 big-endian, ignoring alpha', () => {
    assert.deepEqual([...rgbaToRgb565be(rgba)], expected);
  });

  it('gives the same bytes on the unaligned (byte-wise) path, and writes into a given buffer', () => {
    const backing = new Uint8ClampedArray(rgba.length + 1);
    backing.set(rgba, 1);
    const unaligned = backing.subarray(1);
    const out = Buffer.alloc(12);
    assert.equal(rgbaToRgb565be(unaligned, out), out);
    assert.deepEqual([...out], expected);
  });

  it('refuses an output buffer that is too small', () => {
    assert.throws(() => rgbaToRgb565be(rgba, Buffer.alloc(4)), /expected at least 12/);
  });

  it('converts a 240x240 frame fast enough to run every frame (< 5 ms)', () => {
    const frame = new Uint8ClampedArray(240 * 240 * 4).map((_, i) => i * 7);
    const out = Buffer.alloc(240 * 240 * 2);
    rgbaToRgb565be(frame, out);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) rgbaToRgb565be(frame, out);
    assert.ok((performance.now() - t0) / 20 < 5);
  });

  it('rgb565ToRgb888 replicates the top bits (0x11aa -> 0x10, 0x34, 0x52)', () => {
    assert.deepEqual(rgb565ToRgb888(0x11aa), [0x10, 0x34, 0x52]);
  });
});
