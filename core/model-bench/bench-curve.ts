import type { LoadedModel } from '../model-runtime/model-runtime';

/**
 * A descriptor curve of `frames` frames to time a model on: its neutral frame (the training means)
 * with f0, where the model takes one, moving over 60-99 Hz so the pitch tracker's path is not a
 * constant. Every runtime gets the same kind of curve, so figures compare across runtimes.
 */
export function benchCurve(model: LoadedModel, frames: number): number[][] {
  const row = [...model.neutralFrame];
  const f0 = model.descriptorNames.indexOf('f0');
  return Array.from({ length: frames }, (_, i) => {
    const frame = row.slice();
    if (f0 >= 0) frame[f0] = 60 + (i % 40);
    return frame;
  });
}

/** Frames of a render of `seconds` at the model's rate and hop (at least one). */
export function framesFor(model: LoadedModel, seconds: number): number {
  return Math.max(1, Math.round((seconds * model.sampleRate) / model.hop));
}
