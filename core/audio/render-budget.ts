import { NeurorackError, type ErrorLocation } from '../errors/neurorack-error';

/**
 * The longest render `neurorack render` makes: 10 minutes of audio (25,839 frames at 22050 Hz /
 * hop 512). The model renders in bounded passes, but the finished audio is held whole (the DC is
 * the mean of all of it, the limiter runs over all of it) and copied once into the WAV: about
 * 6 KB per frame at hop 512, so 10 minutes peak near 160 MB above the model. A 200,000-frame
 * curve used to be taken on and killed by the kernel at 23 GB.
 */
export const MAX_RENDER_SECONDS = 600;

/** Largest descriptors JSON `render` reads: 25,839 frames of seven numbers fit in a fifth of it. */
export const MAX_DESCRIPTORS_JSON_BYTES = 32 * 1024 * 1024;

/**
 * Refuses a curve whose render would last longer than MAX_RENDER_SECONDS, before any model runs
 * (NR_RENDER_TOO_LONG, naming the frames asked and the most allowed at this rate and hop).
 */
export function checkRenderLength(frames: number, sampleRate: number, hop: number, where: ErrorLocation = {}): void {
  const maxFrames = Math.floor((MAX_RENDER_SECONDS * sampleRate) / hop);
  if (frames <= maxFrames) return;
  const seconds = (frames * hop) / sampleRate;
  throw new NeurorackError(
    'NR_RENDER_TOO_LONG',
    `the curve has ${frames} frames (${seconds.toFixed(0)} s at ${sampleRate} Hz / hop ${hop}); expected at most ${maxFrames} (${MAX_RENDER_SECONDS} s): render it in parts`,
    { ...where, pointer: where.pointer ?? '/frames' },
  );
}
