import { DESCRIPTOR_ORDER } from './descriptor-matrix';

/**
 * Below this RMS (-80 dBFS) a descriptor frame is silence. Its spectral descriptors and f0 are then
 * measurement noise: roll-off, centroid and bandwidth at 0 or near Nyquist, f0 at the tracker's
 * ceiling (5512 Hz). No model has been trained on such values, because training items are trimmed
 * of silence (the quietest frame in a fifth of the shipped model's training items is 1.2e-4). Fed to
 * a model, they turn asked silence into a burst: -21 dB below the peak at the end of the held-out
 * impact-01, for the shipped model. Model runtimes apply SilentFrameHold to the frames they are given.
 */
export const SILENT_RMS = 1e-4;

const RMS = DESCRIPTOR_ORDER.indexOf('rms');

/**
 * Conditions silent frames on the last sounding frame: a silent frame keeps its RMS (the model is
 * asked for silence) and takes the other descriptors of the last frame at or above SILENT_RMS. The
 * rule is causal: a stream can apply it push by push and match an offline render. Silent frames
 * before any sounding one take `neutral` (the model's training means).
 *
 * Frames are packed float32 [frames * width] in DESCRIPTOR_ORDER: RMS first.
 */
export class SilentFrameHold {
  private readonly held: Float32Array;

  constructor(private readonly width: number, neutral: readonly number[]) {
    this.held = Float32Array.from({ length: width }, (_, k) => neutral[k] ?? 0);
  }

  /** Rewrites the silent frames among `frames` frames of `desc` from `offset` in place. */
  apply(desc: Float32Array, frames: number, offset = 0): void {
    const w = this.width;
    const floor = Math.fround(SILENT_RMS); // frames are float32: the threshold as stored sounds
    for (let t = 0; t < frames; t++) {
      const at = offset + t * w;
      if (desc[at + RMS]! >= floor) {
        for (let k = 0; k < w; k++) if (k !== RMS) this.held[k] = desc[at + k]!;
      } else {
        for (let k = 0; k < w; k++) if (k !== RMS) desc[at + k] = this.held[k]!;
      }
    }
  }
}
