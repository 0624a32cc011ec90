import { FRAME_LENGTH } from './frame-grid';
import { FrameTransform } from './frame-transform';
import { SPECTRUM_BINS } from './magnitude-spectrum';
import { CMND_LENGTH, YinDifference } from './yin-difference';

/** Every buffer and FFT plan one extraction needs, allocated once and reused for each frame. */
export class DescriptorWorkspace {
  /** The frame with zero padding (rms, STFT, YIN). */
  readonly frame = new Float64Array(FRAME_LENGTH);
  /** The frame with edge padding (zcr); only filled for frames that reach past the signal. */
  readonly edgeFrame = new Float64Array(FRAME_LENGTH);
  readonly transform = new FrameTransform();
  readonly magnitudes = new Float64Array(SPECTRUM_BINS);
  readonly yin = new YinDifference();
  readonly cmnd = new Float64Array(CMND_LENGTH);
}
