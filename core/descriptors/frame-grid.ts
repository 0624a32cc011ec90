import { DESCRIPTOR_HOP_LENGTH } from './descriptor-matrix';

/** Samples per analysis frame (STFT size, rms/zcr window, YIN frame). */
export const FRAME_LENGTH = 2048;

/** Centred frames: frame t covers original samples [512 t - 1024, 512 t + 1024). */
const HALF_FRAME = FRAME_LENGTH / 2;

/** How samples outside the signal are filled: zeros (rms, stft, yin) or the edge sample (zcr). */
export type PadMode = 'zeros' | 'edge';

/** librosa's frame count for n samples with centring: T = 1 + floor(n / 512), also for n < 2048. */
export function librosaFrameCount(sampleCount: number): number {
  return 1 + Math.floor(sampleCount / DESCRIPTOR_HOP_LENGTH);
}

/** Index of the first original sample of frame t (negative near the start). */
export function frameStart(t: number): number {
  return t * DESCRIPTOR_HOP_LENGTH - HALF_FRAME;
}

/** True when frame t lies wholly inside the signal, so padding cannot matter. */
export function isInteriorFrame(t: number, sampleCount: number): boolean {
  const start = frameStart(t);
  return start >= 0 && start + FRAME_LENGTH <= sampleCount;
}

/**
 * Copies frame t of `y` into `out` (length FRAME_LENGTH) as float64, padding outside the signal
 * the way librosa's centring does. `y` must not be empty.
 */
export function loadFrame(y: Float32Array | Float64Array, t: number, out: Float64Array, pad: PadMode): void {
  const n = y.length;
  const start = frameStart(t);
  if (start >= 0 && start + FRAME_LENGTH <= n) {
    for (let i = 0; i < FRAME_LENGTH; i++) out[i] = y[start + i];
    return;
  }
  const before = pad === 'edge' ? y[0] : 0;
  const after = pad === 'edge' ? y[n - 1] : 0;
  for (let i = 0; i < FRAME_LENGTH; i++) {
    const idx = start + i;
    out[i] = idx < 0 ? before : idx >= n ? after : y[idx];
  }
}
