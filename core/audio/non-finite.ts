/** Index of the first NaN or infinite value in `samples`, or -1 when every value is finite. */
export function firstNonFiniteIndex(samples: ArrayLike<number>): number {
  for (let i = 0; i < samples.length; i++) {
    // x - x is NaN exactly for NaN and +-Infinity, and cheaper than Number.isFinite in hot loops.
    const x = samples[i];
    if (x - x !== 0) return i;
  }
  return -1;
}
