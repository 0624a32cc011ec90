/**
 * How much a memory figure sampled once a second rose under a take, judged from its floor.
 *
 * Array buffers freed by the take's blocks stay counted until the collector runs, so a single
 * sample says more about when the last collection happened than about what is held: a CI run saw
 * 12 MB between two samples of a take that held nothing. The lowest sample of a window is what
 * survived a collection in it; memory that is really held (a tape growing 1.4 MB a second) lifts
 * that floor too, so comparing the floor of the first seconds with the floor of the last ones
 * separates the two.
 *
 * `from` skips the start-up seconds; `window` is how many samples make each floor.
 */
export function floorGrowth(samples: readonly number[], from: number, window: number): number {
  if (samples.length < from + 2 * window) {
    throw new Error(`floorGrowth: expected at least ${from + 2 * window} samples (from ${from}, two windows of ${window}), got ${samples.length}`);
  }
  const early = Math.min(...samples.slice(from, from + window));
  const late = Math.min(...samples.slice(-window));
  return late - early;
}
