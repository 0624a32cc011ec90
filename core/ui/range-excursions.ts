import { DESCRIPTOR_ORDER } from '../descriptors/descriptor-matrix';

/** A descriptor the asked curves push past the playing model's training range, and which way. */
export interface RangeExcursion {
  readonly name: string;
  readonly direction: 'above' | 'below';
  /** The asked value furthest outside, in the descriptor's unit. */
  readonly worst: number;
  /** The edge of the training range it passed. */
  readonly limit: number;
}

/**
 * Which descriptors of `frames` ([frame][descriptor], DESCRIPTOR_ORDER, in their units) leave
 * their training range, in DESCRIPTOR_ORDER; a descriptor out both ways is reported by the side it
 * leaves furthest (relative to the range's width). Descriptors without a range are never reported.
 */
export function rangeExcursions(frames: ReadonlyArray<ArrayLike<number>>, ranges: ReadonlyArray<{ readonly name: string; readonly trainMin: number; readonly trainMax: number }>): RangeExcursion[] {
  const out: RangeExcursion[] = [];
  for (const r of ranges) {
    const d = (DESCRIPTOR_ORDER as readonly string[]).indexOf(r.name);
    if (d < 0 || frames.length === 0) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (const f of frames) {
      const v = f[d]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const width = Math.max(1e-12, r.trainMax - r.trainMin);
    const over = hi > r.trainMax ? (hi - r.trainMax) / width : 0;
    const under = lo < r.trainMin ? (r.trainMin - lo) / width : 0;
    if (over === 0 && under === 0) continue;
    out.push(over >= under ? { name: r.name, direction: 'above', worst: hi, limit: r.trainMax } : { name: r.name, direction: 'below', worst: lo, limit: r.trainMin });
  }
  return out;
}

/** `rangeExcursions` remembered for the last frames and ranges, so each render's curves are checked once and the screen gets the same array until they change. */
export function memoRangeExcursions(): (frames: ReadonlyArray<ArrayLike<number>> | undefined, ranges: Parameters<typeof rangeExcursions>[1]) => readonly RangeExcursion[] {
  let lastFrames: unknown;
  let lastRanges: unknown;
  let shown: readonly RangeExcursion[] = [];
  return (frames, ranges) => {
    if (frames !== lastFrames || ranges !== lastRanges) {
      lastFrames = frames;
      lastRanges = ranges;
      shown = frames ? rangeExcursions(frames, ranges) : [];
    }
    return shown;
  };
}
