import { BIN_HZ } from './magnitude-spectrum';

/** Fraction of the summed magnitude that lies at or below the roll-off bin. */
const ROLL_PERCENT = 0.85;

/**
 * librosa `spectral_rolloff` on a magnitude spectrum: the frequency of the smallest bin whose
 * running sum of |S| reaches 85 % of the total. Always an exact bin frequency; 0 Hz for silence.
 */
export function spectralRolloff(mag: Float64Array): number {
  let total = 0;
  for (let k = 0; k < mag.length; k++) total += mag[k];
  const threshold = ROLL_PERCENT * total;
  let running = 0;
  for (let k = 0; k < mag.length; k++) {
    running += mag[k];
    if (running >= threshold) return k * BIN_HZ;
  }
  // Not reached for finite input: the last running sum equals the total.
  return NaN;
}
