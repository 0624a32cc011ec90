/**
 * The longest stretch of [from, to] without an answer: between `from` and the first answer in it,
 * between consecutive answers, and between the last one and `to` (times in ms, any order). With
 * no answer in the window, the whole window. A poller that asks every few ms sees the host's
 * event loop blocked for at most this long (plus one request's time).
 */
export function longestGap(answers: readonly number[], from: number, to: number): number {
  if (!(to > from)) return 0;
  const inside = answers.filter((t) => t >= from && t <= to).sort((a, b) => a - b);
  let longest = 0;
  let previous = from;
  for (const t of inside) {
    longest = Math.max(longest, t - previous);
    previous = t;
  }
  return Math.max(longest, to - previous);
}

/** The largest value of samples taken within [from, to] ([time, value] pairs); undefined if none. */
export function peakWithin(samples: ReadonlyArray<readonly [number, number]>, from: number, to: number): number | undefined {
  let peak: number | undefined;
  for (const [t, v] of samples) if (t >= from && t <= to && (peak === undefined || v > peak)) peak = v;
  return peak;
}

/** Wall-clock ms with sub-ms precision, comparable between threads (each has its own timeOrigin). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
