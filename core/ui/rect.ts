import type { Rect } from '../devices/display/display';

export type { Rect };

export const SCREEN_SIZE = 240;

/** The whole 240x240 screen. */
export const FULL_SCREEN: Rect = { x0: 0, y0: 0, x1: SCREEN_SIZE, y1: SCREEN_SIZE };

/** A rect from x, y, width, height (how layouts are written). */
export function rect(x: number, y: number, w: number, h: number): Rect {
  return { x0: x, y0: y, x1: x + w, y1: y + h };
}

/** The smallest rect holding both; `a` may be null (nothing yet). */
export function union(a: Rect | null, b: Rect): Rect {
  if (!a) return b;
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

/** Clamped to the screen and snapped to whole pixels. */
export function clampToScreen(r: Rect): Rect {
  const c = (v: number): number => Math.max(0, Math.min(SCREEN_SIZE, v));
  return { x0: c(Math.floor(r.x0)), y0: c(Math.floor(r.y0)), x1: c(Math.ceil(r.x1)), y1: c(Math.ceil(r.y1)) };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}
