import type { Rect } from './display';

/**
 * The smallest rectangle holding every pixel that differs between two RGB565 frames (2 bytes per
 * pixel, row-major), or undefined when they are identical. `within`, when given, limits the search
 * (the caller promises nothing changed outside it). Compares whole rows natively first.
 */
export function findDirtyRect(next: Buffer, shown: Buffer, width: number, height: number, within?: Rect): Rect | undefined {
  const x0 = clamp(within?.x0 ?? 0, 0, width);
  const x1 = clamp(within?.x1 ?? width, x0, width);
  const y0 = clamp(within?.y0 ?? 0, 0, height);
  const y1 = clamp(within?.y1 ?? height, y0, height);
  if (x0 === x1 || y0 === y1) return undefined;
  const rowBytes = width * 2;
  const differs = (y: number): boolean => {
    const start = y * rowBytes + x0 * 2;
    const end = y * rowBytes + x1 * 2;
    return next.compare(shown, start, end, start, end) !== 0;
  };
  let top = y0;
  while (top < y1 && !differs(top)) top++;
  if (top === y1) return undefined;
  let bottom = y1;
  while (!differs(bottom - 1)) bottom--;
  let left = x1;
  let right = x0;
  for (let y = top; y < bottom; y++) {
    const row = y * rowBytes;
    for (let x = x0; x < left; x++) {
      const o = row + x * 2;
      if (next[o] !== shown[o] || next[o + 1] !== shown[o + 1]) {
        left = x;
        break;
      }
    }
    for (let x = x1 - 1; x >= right; x--) {
      const o = row + x * 2;
      if (next[o] !== shown[o] || next[o + 1] !== shown[o + 1]) {
        right = x + 1;
        break;
      }
    }
  }
  return { x0: left, y0: top, x1: right, y1: bottom };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(v)));
}
