import FFT from 'fft.js';

/** A sine block generator at `rate`, continuous across calls. */
export function sineBlocks(freq: number, rate: number, amplitude: number, blockFrames: number): () => Float32Array {
  let n = 0;
  const block = new Float32Array(blockFrames);
  return () => {
    for (let i = 0; i < blockFrames; i++, n++) block[i] = amplitude * Math.sin((2 * Math.PI * freq * n) / rate);
    return block;
  };
}

/** Frequency from rising zero crossings, interpolated between samples (independent of any FFT). */
export function zeroCrossingHz(x: ArrayLike<number>, rate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < x.length; i++) {
    const a = x[i - 1]!;
    const b = x[i]!;
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b));
  }
  if (crossings.length < 2) return 0;
  return ((crossings.length - 1) * rate) / (crossings[crossings.length - 1]! - crossings[0]!);
}

/** The strongest bin of a Hann-windowed FFT of the first power-of-two samples, refined parabolically. */
export function fftPeakHz(x: ArrayLike<number>, rate: number): number {
  let size = 1;
  while (size * 2 <= x.length) size *= 2;
  const fft = new FFT(size);
  const input = new Array<number>(size);
  for (let i = 0; i < size; i++) input[i] = x[i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1)));
  const out = fft.createComplexArray() as number[];
  fft.realTransform(out, input);
  const mag = (k: number) => Math.hypot(out[2 * k]!, out[2 * k + 1]!);
  let best = 1;
  for (let k = 2; k < size / 2; k++) if (mag(k) > mag(best)) best = k;
  const [a, b, c] = [mag(best - 1), mag(best), mag(best + 1)];
  const shift = (0.5 * (a - c)) / (a - 2 * b + c);
  return ((best + shift) * rate) / size;
}

export function rms(x: ArrayLike<number>, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! * x[i]!;
  return Math.sqrt(sum / (to - from));
}
