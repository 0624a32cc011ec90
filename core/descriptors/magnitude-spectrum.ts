import { DESCRIPTOR_SAMPLE_RATE } from './descriptor-matrix';
import { FRAME_LENGTH } from './frame-grid';
import type { FrameTransform } from './frame-transform';

/** Number of one-sided STFT bins (n_fft / 2 + 1). */
export const SPECTRUM_BINS = FRAME_LENGTH / 2 + 1;

/** Spacing of the STFT bins in Hz (22050 / 2048 = 10.7666015625). */
export const BIN_HZ = DESCRIPTOR_SAMPLE_RATE / FRAME_LENGTH;

/**
 * |STFT| of one frame as librosa computes it: |rfft(hann * x)| with the periodic Hann window, no
 * scaling, magnitude not power. The window is applied in the frequency domain, where the periodic
 * Hann is exactly the kernel [-1/4, 1/2, -1/4] over neighbouring bins, so the frame's one FFT
 * (shared with YIN) suffices.
 */
export function hannMagnitudes(spectrum: FrameTransform, out: Float64Array): void {
  const { xRe, xIm } = spectrum;
  const last = SPECTRUM_BINS - 1;
  for (let k = 0; k <= last; k++) {
    // X[-1] = conj(X[1]) and X[N/2 + 1] = conj(X[N/2 - 1]) for a real frame.
    const lo = k === 0 ? 1 : k - 1;
    const hi = k === last ? last - 1 : k + 1;
    const loIm = k === 0 ? -xIm[1] : xIm[lo];
    const hiIm = k === last ? -xIm[hi] : xIm[hi];
    const re = 0.5 * xRe[k] - 0.25 * (xRe[lo] + xRe[hi]);
    const im = 0.5 * xIm[k] - 0.25 * (loIm + hiIm);
    out[k] = Math.sqrt(re * re + im * im);
  }
}
