import FFT = require('fft.js');
import { FRAME_LENGTH } from './frame-grid';

/** Bins 0..N/2 of a real signal's spectrum. */
export const HALF_BINS = FRAME_LENGTH / 2 + 1;

/** YIN sums x[j] x[j + tau] over j = 1..1024 (librosa 0.9.2); this is that window. */
export const YIN_WINDOW_FIRST = 1;
export const YIN_WINDOW_LAST = FRAME_LENGTH / 2;

/**
 * The one forward FFT per frame. Packs the frame x and its YIN window w (x on 1..1024, zero
 * elsewhere) into one complex FFT of x + i w and separates the two real spectra:
 * X feeds both the STFT (Hann applied in the frequency domain) and YIN, W feeds YIN.
 * Buffers are owned and reused; one instance per extraction.
 */
export class FrameTransform {
  private readonly fft = new FFT(FRAME_LENGTH);
  private readonly packed = new Float64Array(2 * FRAME_LENGTH);
  private readonly spectrum = new Float64Array(2 * FRAME_LENGTH);
  /** Re and Im of X[k] = sum x[n] e^{-2 pi i k n / N}, k = 0..N/2. */
  readonly xRe = new Float64Array(HALF_BINS);
  readonly xIm = new Float64Array(HALF_BINS);
  /** Re and Im of W[k], the spectrum of the YIN window, k = 0..N/2. */
  readonly wRe = new Float64Array(HALF_BINS);
  readonly wIm = new Float64Array(HALF_BINS);

  compute(x: Float64Array): void {
    const N = FRAME_LENGTH;
    const { packed, spectrum, xRe, xIm, wRe, wIm } = this;
    for (let i = 0; i < N; i++) {
      packed[2 * i] = x[i];
      packed[2 * i + 1] = 0;
    }
    for (let i = YIN_WINDOW_FIRST; i <= YIN_WINDOW_LAST; i++) packed[2 * i + 1] = x[i];
    this.fft.transform(spectrum, packed);
    // Z[k] = X[k] + i W[k] and conj(Z[N-k]) = X[k] - i W[k] for real x, w.
    for (let k = 0; k < HALF_BINS; k++) {
      const m = (N - k) & (N - 1);
      const zr = spectrum[2 * k];
      const zi = spectrum[2 * k + 1];
      const mr = spectrum[2 * m];
      const mi = spectrum[2 * m + 1];
      xRe[k] = 0.5 * (zr + mr);
      xIm[k] = 0.5 * (zi - mi);
      wRe[k] = 0.5 * (zi + mi);
      wIm[k] = -0.5 * (zr - mr);
    }
  }
}
