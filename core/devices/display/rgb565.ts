import { endianness } from 'node:os';

const littleEndianHost = endianness() === 'LE';

/**
 * Converts RGBA pixels (a canvas ImageData's `data`, 4 bytes per pixel) to RGB565 big-endian, the
 * ST7789's wire format, dropping the low bits of each channel and ignoring alpha. Writes into `out`
 * when given (2 bytes per pixel; reuse it every frame) and returns it. Runs once per frame, so the
 * common case works on 32-bit words.
 */
export function rgbaToRgb565be(rgba: Uint8Array | Uint8ClampedArray, out?: Buffer): Buffer {
  const pixels = rgba.length >> 2;
  const target = out ?? Buffer.alloc(pixels * 2);
  if (target.length < pixels * 2) {
    throw new RangeError(`rgbaToRgb565be: output holds ${target.length} bytes, expected at least ${pixels * 2}`);
  }
  if (littleEndianHost && rgba.byteOffset % 4 === 0 && target.byteOffset % 2 === 0) {
    const src = new Uint32Array(rgba.buffer, rgba.byteOffset, pixels);
    const dst = new Uint16Array(target.buffer, target.byteOffset, pixels);
    for (let i = 0; i < pixels; i++) {
      const p = src[i]!; // a b g r, from most to least significant byte
      const v = ((p & 0xf8) << 8) | ((p & 0xfc00) >>> 5) | ((p & 0xf80000) >>> 19);
      dst[i] = (v >>> 8) | ((v & 0xff) << 8);
    }
    return target;
  }
  for (let i = 0, o = 0; i < pixels * 4; i += 4, o += 2) {
    const v = ((rgba[i]! & 0xf8) << 8) | ((rgba[i + 1]! & 0xfc) << 3) | (rgba[i + 2]! >> 3);
    target[o] = v >> 8;
    target[o + 1] = v & 0xff;
  }
  return target;
}

/** Expands one RGB565 value to 8-bit R, G, B the way panels do (replicating the top bits). */
export function rgb565ToRgb888(v: number): [number, number, number] {
  const r = (v >> 11) & 0x1f;
  const g = (v >> 5) & 0x3f;
  const b = v & 0x1f;
  return [(r << 3) | (r >> 2), (g << 2) | (g >> 4), (b << 3) | (b >> 2)];
}
