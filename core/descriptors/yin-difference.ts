import FFT = require('fft.js');
import { FRAME_LENGTH } from './frame-grid';
import type { FrameTransform } from './frame-transform';

/** YIN integration window: frame_length / 2. */
const WIN_LENGTH = FRAME_LENGTH / 2;

/** Shortest period searched: floor(22050 / fmax = 5000). */
export const MIN_PERIOD = 4;

/** Longest period searched: min(ceil(22050 / fmin = 50), 2048 - 1024 - 1). */
export const MAX_PERIOD = 441;

/** Number of CMND values kept, for periods MIN_PERIOD..MAX_PERIOD. */
export const CMND_LENGTH = MAX_PERIOD - MIN_PERIOD + 1;

/** Autocorrelation and energy terms smaller than this are set to zero, as librosa does. */
const SMALL = 1e-6;

/** numpy `tiny` of float64, added to denominators as librosa does. */
export const TINY = 2.2250738585072014e-308;

const HALF = FRAME_LENGTH / 2;

/**
 * The cumulative-mean-normalised difference function of YIN for one frame, exactly as
 * librosa 0.9.2 `yin` builds it: autocorrelation r[tau] = sum_{j=1..1024} x[j] x[j+tau] by FFT
 * (as librosa does), small values zeroed, energy from a running sum of x^2.
 * One instance per extraction; buffers are reused for every frame.
 */
export class YinDifference {
  // r is real, so its inverse FFT runs at half size on even/odd samples packed as re/im.
  private readonly fft = new FFT(HALF);
  private readonly packed = new Float64Array(2 * HALF);
  private readonly correlation = new Float64Array(2 * HALF);
  private readonly pRe = new Float64Array(HALF + 1);
  private readonly pIm = new Float64Array(HALF + 1);
  private readonly cos = new Float64Array(HALF);
  private readonly sin = new Float64Array(HALF);
  private readonly energySum = new Float64Array(WIN_LENGTH + MAX_PERIOD + 1);
  private readonly difference = new Float64Array(MAX_PERIOD + 1);

  constructor() {
    for (let k = 0; k < HALF; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / FRAME_LENGTH);
      this.sin[k] = Math.sin((2 * Math.PI * k) / FRAME_LENGTH);
    }
  }

  /**
   * Writes c(tau) for tau = MIN_PERIOD..MAX_PERIOD into `out[0..CMND_LENGTH)`, from the frame `x`
   * and its spectra (already computed by `spectra.compute(x)`).
   */
  compute(x: Float64Array, spectra: FrameTransform, out: Float64Array): void {
    const { packed, correlation, pRe, pIm, cos, sin, energySum, difference: d } = this;
    const { xRe, xIm, wRe, wIm } = spectra;

    // Cross-correlation of the window w with x: P = conj(W) X, bins 0..N/2.
    for (let k = 0; k <= HALF; k++) {
      pRe[k] = wRe[k] * xRe[k] + wIm[k] * xIm[k];
      pIm[k] = wRe[k] * xIm[k] - wIm[k] * xRe[k];
    }
    // Even/odd split of the real inverse: E = (P[k] + conj P[N/2-k]) / 2, O = (P[k] - conj P[N/2-k]) / 2 e^{2 pi i k / N}.
    for (let k = 0; k < HALF; k++) {
      const ar = pRe[k];
      const ai = pIm[k];
      const br = pRe[HALF - k];
      const bi = -pIm[HALF - k];
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai - bi);
      const or = dr * cos[k] - di * sin[k];
      const oi = dr * sin[k] + di * cos[k];
      packed[2 * k] = er - oi;
      packed[2 * k + 1] = ei + or;
    }
    this.fft.inverseTransform(correlation, packed);
    // correlation holds r[2m] at 2m and r[2m + 1] at 2m + 1: the interleaved layout is r itself.

    let running = 0;
    for (let i = 0; i < energySum.length; i++) {
      running += x[i] * x[i];
      energySum[i] = running;
    }
    let e0 = energySum[WIN_LENGTH] - energySum[0];
    if (Math.abs(e0) < SMALL) e0 = 0;
    for (let tau = 0; tau <= MAX_PERIOD; tau++) {
      let r = correlation[tau];
      if (Math.abs(r) < SMALL) r = 0;
      let e = energySum[WIN_LENGTH + tau] - energySum[tau];
      if (Math.abs(e) < SMALL) e = 0;
      d[tau] = e0 + e - 2 * r;
    }

    let cumulative = 0;
    for (let tau = 1; tau <= MAX_PERIOD; tau++) {
      cumulative += d[tau];
      if (tau >= MIN_PERIOD) out[tau - MIN_PERIOD] = d[tau] / (cumulative / tau + TINY);
    }
  }
}
