import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { packageRoot } from '../../../core/paths';

/** Golden screens live in the source tree, not in dist. */
export const GOLDEN_DIR = join(packageRoot, 'test', 'golden', 'screens');
const OUT_DIR = join(packageRoot, 'dist', 'test-output', 'screens');

/** Per-pixel colour threshold (pixelmatch, 0..1) and the share of pixels allowed to differ. */
export const GOLDEN_TOLERANCE = { threshold: 0.1, maxDiffRatio: 0.003 };

export function readPng(file: string): { width: number; height: number; data: Buffer } {
  const png = PNG.sync.read(readFileSync(file));
  return { width: png.width, height: png.height, data: png.data };
}

export function toPng(rgba: Uint8Array | Uint8ClampedArray, width = 240, height = 240): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png);
}

/** Pixels that differ beyond the threshold, over the whole image or inside a region. */
export function diffPixels(a: Uint8Array | Uint8ClampedArray, b: Uint8Array | Uint8ClampedArray, out?: Buffer, width = 240, height = 240): number {
  return pixelmatch(a as Uint8Array, b as Uint8Array, out ?? null, width, height, { threshold: GOLDEN_TOLERANCE.threshold });
}

/** Copies the pixels of a rectangle out of a 240-wide RGBA image. */
export function crop(rgba: Uint8Array | Uint8ClampedArray, x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const w = x1 - x0;
  const out = new Uint8Array(w * (y1 - y0) * 4);
  for (let y = y0; y < y1; y++) out.set(rgba.subarray((y * 240 + x0) * 4, (y * 240 + x1) * 4), (y - y0) * w * 4);
  return out;
}

/**
 * Compares a 240x240 RGBA image with test/golden/screens/NAME.png within GOLDEN_TOLERANCE. With
 * UPDATE_GOLDENS=1 it (re)writes the golden instead. On a mismatch the actual image and a diff are
 * left in dist/test-output/screens/ for a look.
 */
export function expectGolden(name: string, rgba: Uint8Array | Uint8ClampedArray): void {
  const file = join(GOLDEN_DIR, `${name}.png`);
  if (process.env.UPDATE_GOLDENS === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, toPng(rgba));
    return;
  }
  assert.ok(existsSync(file), `no golden ${file}; run UPDATE_GOLDENS=1 npm test to create it, then look at it`);
  const golden = readPng(file);
  assert.equal(golden.width, 240);
  assert.equal(golden.height, 240);
  const diff = new PNG({ width: 240, height: 240 });
  const bad = diffPixels(rgba, golden.data, diff.data);
  const limit = Math.floor(240 * 240 * GOLDEN_TOLERANCE.maxDiffRatio);
  if (bad > limit) {
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, `${name}.actual.png`), toPng(rgba));
    writeFileSync(join(OUT_DIR, `${name}.diff.png`), PNG.sync.write(diff));
  }
  assert.ok(bad <= limit, `${name}: ${bad} pixels differ from the golden (allowed ${limit}); see ${OUT_DIR}`);
}
