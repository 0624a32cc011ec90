import type { RenderTarget } from '../engine/model-renderer';
import { NeurorackError } from '../errors/neurorack-error';

/**
 * A progressive render's target must be shareable with the model worker and fresh: `audio` holds
 * whole frames of the curve from `from` (all of them when `from` is 0 and it is the length of the
 * render) and `ready` at least one counter at 0, both on SharedArrayBuffers (and `cancel` and
 * `played`, when given, too; `origin`, when given, a frame; `firstFrames`, when given, a whole number of frames,
 * 1 or more). Returns the frames it holds, [from, to), its origin and its first chunk's frames (0: the model's own).
 * Anything else is NR_USAGE (a caller's mistake, found before any work starts).
 */
export function checkRenderTarget(target: RenderTarget, frames: number, hop: number): { from: number; to: number; origin: number; firstFrames: number } {
  const { audio, ready } = target ?? {};
  if (!(audio instanceof Float32Array) || !(audio.buffer instanceof SharedArrayBuffer)) {
    throw new NeurorackError('NR_USAGE', 'expected target.audio to be a Float32Array on a SharedArrayBuffer', { pointer: '/target/audio' });
  }
  const from = target.from ?? 0;
  if (!Number.isInteger(from) || from < 0 || from >= frames) {
    throw new NeurorackError('NR_USAGE', `expected target.from to be a frame of the curve, 0 to ${frames - 1}, got ${String(from)}`, { pointer: '/target/from' });
  }
  const origin = target.origin ?? 0;
  if (!Number.isInteger(origin) || origin < 0) {
    throw new NeurorackError('NR_USAGE', `expected target.origin to be a frame of the timeline (an integer, 0 or more), got ${String(origin)}`, { pointer: '/target/origin' });
  }
  const room = (frames - from) * hop;
  if (audio.length === 0 || audio.length % hop !== 0 || audio.length > room) {
    const want = from === 0 ? `exactly ${frames * hop} samples (frames * hop), or whole frames of it` : `whole frames (${hop} samples each), at most ${room} samples from frame ${from}`;
    throw new NeurorackError('NR_USAGE', `expected target.audio to hold ${want}, it holds ${audio.length}`, { pointer: '/target/audio' });
  }
  if (!(ready instanceof Int32Array) || !(ready.buffer instanceof SharedArrayBuffer) || ready.length < 1) {
    throw new NeurorackError('NR_USAGE', 'expected target.ready to be an Int32Array of at least 1 on a SharedArrayBuffer', { pointer: '/target/ready' });
  }
  if (Atomics.load(ready, 0) !== 0) {
    throw new NeurorackError('NR_USAGE', `expected a fresh target (ready[0] = 0), found ready[0] = ${Atomics.load(ready, 0)}`, { pointer: '/target/ready/0' });
  }
  const { cancel } = target;
  if (cancel !== undefined && (!(cancel instanceof Int32Array) || !(cancel.buffer instanceof SharedArrayBuffer) || cancel.length < 1)) {
    throw new NeurorackError('NR_USAGE', 'expected target.cancel, when given, to be an Int32Array of at least 1 on a SharedArrayBuffer', { pointer: '/target/cancel' });
  }
  const { played } = target;
  if (played !== undefined && (!(played instanceof Int32Array) || !(played.buffer instanceof SharedArrayBuffer) || played.length < 1)) {
    throw new NeurorackError('NR_USAGE', 'expected target.played, when given, to be an Int32Array of at least 1 on a SharedArrayBuffer', { pointer: '/target/played' });
  }
  const firstFrames = target.firstFrames ?? 0;
  if (target.firstFrames !== undefined && (!Number.isInteger(firstFrames) || firstFrames < 1)) {
    throw new NeurorackError('NR_USAGE', `expected target.firstFrames, when given, to be a whole number of frames, 1 or more, got ${String(target.firstFrames)}`, { pointer: '/target/firstFrames' });
  }
  return { from, to: from + audio.length / hop, origin, firstFrames };
}
