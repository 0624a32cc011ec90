/** Floor on the power spectrum before the logarithm (librosa `amin`). */
const AMIN = 1e-10;

/** Bins multiplied together before one logarithm; 8 floored powers cannot underflow (>= 1e-80). */
const LOG_BLOCK = 8;

/**
 * librosa `spectral_flatness` on a magnitude spectrum: with P = max(1e-10, |S|^2),
 * exp(mean ln P) / mean P over all bins. 1 for silence.
 */
export function spectralFlatness(mag: Float64Array): number {
  const n = mag.length;
  let logSum = 0;
  let sum = 0;
  let k = 0;
  // ln of a product of 8 bins instead of 8 logarithms: Math.log dominates this function otherwise.
  for (; k + LOG_BLOCK <= n; k += LOG_BLOCK) {
    let product = 1;
    for (let i = k; i < k + LOG_BLOCK; i++) {
      const p = Math.max(AMIN, mag[i] * mag[i]);
      product *= p;
      sum += p;
    }
    if (product < Infinity) {
      logSum += Math.log(product);
    } else {
      for (let i = k; i < k + LOG_BLOCK; i++) logSum += Math.log(Math.max(AMIN, mag[i] * mag[i]));
    }
  }
  for (; k < n; k++) {
    const p = Math.max(AMIN, mag[k] * mag[k]);
    logSum += Math.log(p);
    sum += p;
  }
  return Math.exp(logSum / n) / (sum / n);
}
