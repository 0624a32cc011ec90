import FFT = require('fft.js');

const ffts = new Map<number, FFT>();

/**
 * Spectral centroid (Hz) of x[from, from + n): power spectrum of the span under a Tukey window
 * (flat, with cosine tapers of 10% at each side, so the attack right at `from` keeps its weight),
 * zero-padded to a power of two; the DC bin is left out. 0 for a silent span.
 */
export function spectralCentroid(x: Float32Array, from: number, n: number, sampleRate: number): number {
  const start = Math.max(0, Math.floor(from));
  const len = Math.max(0, Math.min(n, x.length - start));
  if (len < 8) return 0;
  let size = 1;
  while (size < len) size *= 2;
  let fft = ffts.get(size);
  if (!fft) ffts.set(size, (fft = new FFT(size)));
  const input = new Array<number>(size).fill(0);
  const taper = Math.max(1, Math.floor(len * 0.1));
  for (let i = 0; i < len; i++) {
    const edge = Math.min(i, len - 1 - i);
    const w = edge >= taper ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * edge) / taper);
    input[i] = x[start + i]! * w;
  }
  const out = fft.createComplexArray() as number[];
  fft.realTransform(out, input);
  let num = 0;
  let den = 0;
  for (let k = 1; k <= size / 2; k++) {
    const p = out[2 * k]! ** 2 + out[2 * k + 1]! ** 2;
    num += p * ((k * sampleRate) / size);
    den += p;
  }
  return den > 0 ? num / den : 0;
}
