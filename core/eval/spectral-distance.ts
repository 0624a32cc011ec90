import FFT = require('fft.js');

/** (FFT size, hop, window length) of the three resolutions, as hn-sinc-NSF's training loss. */
export const SPECTRAL_RESOLUTIONS: readonly (readonly [number, number, number])[] = [
  [512, 80, 320],
  [128, 40, 80],
  [2048, 640, 1920],
];

const POWER_FLOOR = 1e-5;

/**
 * Multi-resolution log-spectral distance in dB between two sounds (the shorter length is used):
 * for each resolution, the mean over frames of the RMS over bins of 10*log10((|A|^2 + 1e-5) /
 * (|B|^2 + 1e-5)) (Hann window, frames from sample 0); then the mean over the resolutions. 0 is
 * identical; the noise inputs make two renders of one curve differ by a few dB.
 */
export function spectralDistanceDb(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  let used = 0;
  for (const [size, hop, win] of SPECTRAL_RESOLUTIONS) {
    if (n < win) continue;
    const fft = new FFT(size);
    const window = new Float64Array(win);
    for (let i = 0; i < win; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / win);
    const bufA = new Array<number>(size).fill(0);
    const bufB = new Array<number>(size).fill(0);
    const outA = fft.createComplexArray() as number[];
    const outB = fft.createComplexArray() as number[];
    let frames = 0;
    let acc = 0;
    for (let start = 0; start + win <= n; start += hop) {
      for (let i = 0; i < win; i++) {
        bufA[i] = a[start + i] * window[i];
        bufB[i] = b[start + i] * window[i];
      }
      fft.realTransform(outA, bufA);
      fft.realTransform(outB, bufB);
      let sq = 0;
      const bins = size / 2 + 1;
      for (let k = 0; k < bins; k++) {
        const pa = outA[2 * k] ** 2 + outA[2 * k + 1] ** 2 + POWER_FLOOR;
        const pb = outB[2 * k] ** 2 + outB[2 * k + 1] ** 2 + POWER_FLOOR;
        const d = 10 * Math.log10(pa / pb);
        sq += d * d;
      }
      acc += Math.sqrt(sq / bins);
      frames++;
    }
    if (frames) {
      sum += acc / frames;
      used++;
    }
  }
  return used ? sum / used : NaN;
}
