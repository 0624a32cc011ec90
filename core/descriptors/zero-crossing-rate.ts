/** Magnitudes at or below this count as +0 (librosa `zero_crossings` threshold). */
const ZERO_THRESHOLD = 1e-10;

/**
 * librosa `feature.zero_crossing_rate` of one edge-padded frame: sign changes between
 * neighbours (zero counts as positive, index 0 never counts) divided by the frame length.
 */
export function frameZeroCrossingRate(frame: Float64Array): number {
  // After thresholding, only values below -threshold have their sign bit set.
  let prevNegative = frame[0] < -ZERO_THRESHOLD;
  let count = 0;
  for (let i = 1; i < frame.length; i++) {
    const negative = frame[i] < -ZERO_THRESHOLD;
    if (negative !== prevNegative) count++;
    prevNegative = negative;
  }
  return count / frame.length;
}
