import { BIN_HZ } from './magnitude-spectrum';

/**
 * librosa `spectral_bandwidth` (p = 2, norm = True): sqrt of the magnitude-weighted mean squared
 * distance from `centroid`. `norm` is the value `magnitudeNorm` gives for the same spectrum.
 */
export function spectralBandwidth(mag: Float64Array, norm: number, centroid: number): number {
  let sum = 0;
  for (let k = 0; k < mag.length; k++) {
    const dev = k * BIN_HZ - centroid;
    sum += mag[k] * dev * dev;
  }
  return Math.sqrt(sum / norm);
}
