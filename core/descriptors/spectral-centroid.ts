import { BIN_HZ } from './magnitude-spectrum';

/**
 * Below this total magnitude librosa's `normalize` leaves the spectrum unnormalised. The original
 * ran on float32 spectra, so its threshold is the smallest normal float32.
 */
export const NORMALIZE_FLOOR = 1.1754943508222875e-38;

/** Sum of |S| over the bins, or 1 when librosa would leave the spectrum unnormalised. */
export function magnitudeNorm(mag: Float64Array): number {
  let total = 0;
  for (let k = 0; k < mag.length; k++) total += mag[k];
  return total < NORMALIZE_FLOOR ? 1 : total;
}

/** librosa `spectral_centroid`: magnitude-weighted mean bin frequency; 0 Hz for silence. */
export function spectralCentroid(mag: Float64Array, norm: number): number {
  let weighted = 0;
  for (let k = 1; k < mag.length; k++) weighted += k * mag[k];
  return (weighted * BIN_HZ) / norm;
}
