import { DESCRIPTOR_SAMPLE_RATE } from './descriptor-matrix';
import { CMND_LENGTH, MIN_PERIOD, TINY } from './yin-difference';

/** A trough must lie below this CMND value to be taken before the global minimum. */
const TROUGH_THRESHOLD = 0.1;

/**
 * f0 in Hz from one frame's CMND values (librosa 0.9.2 `yin`): the first trough below 0.1, else
 * the first global minimum, refined by a parabolic shift that is dropped when |shift| > 1.
 * Never "unvoiced": silence gives period 4, f0 = 5512.5 Hz.
 */
export function yinF0(c: Float64Array): number {
  const last = CMND_LENGTH - 1;
  let chosen = -1;
  for (let i = 0; i <= last; i++) {
    const isTrough =
      i === 0 ? c[0] < c[1] : c[i] < c[i - 1] && c[i] <= (i === last ? c[last] : c[i + 1]);
    if (isTrough && c[i] < TROUGH_THRESHOLD) {
      chosen = i;
      break;
    }
  }
  if (chosen < 0) chosen = firstArgMin(c);
  return DESCRIPTOR_SAMPLE_RATE / (MIN_PERIOD + chosen + parabolicShift(c, chosen));
}

/** numpy argmin over the CMND values: first minimum, or the first NaN if there is one. */
function firstArgMin(c: Float64Array): number {
  let best = 0;
  for (let i = 0; i < CMND_LENGTH; i++) {
    if (Number.isNaN(c[i])) return i;
    if (c[i] < c[best]) best = i;
  }
  return best;
}

/** Vertex offset of the parabola through c[i-1..i+1]; 0 at the ends and when |shift| > 1. */
function parabolicShift(c: Float64Array, i: number): number {
  if (i <= 0 || i >= CMND_LENGTH - 1) return 0;
  const a = (c[i - 1] + c[i + 1] - 2 * c[i]) / 2;
  const b = (c[i + 1] - c[i - 1]) / 2;
  const shift = -b / (2 * a + TINY);
  return Math.abs(shift) > 1 ? 0 : shift;
}
