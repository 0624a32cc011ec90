import { NeurorackError, type RenderTarget } from 'neurorack/sdk';

/**
 * A progressive render's target must be shareable with the model worker and fresh: `audio` holds
 * exactly `samples` samples and `ready` at least one counter at 0, both on SharedArrayBuffers (and
 * `cancel`, when given, too).
 * Anything else is NR_USAGE (a caller's mistake, found before any work starts).
 */
export function checkRenderTarget(target: RenderTarget, samples: number): void {
  const { audio, ready } = target ?? {};
  if (!(audio instanceof Float32Array) || !(audio.buffer instanceof SharedArrayBuffer)) {
    throw new NeurorackError('NR_USAGE', 'expected target.audio to be a Float32Array on a SharedArrayBuffer', { pointer: '/target/audio' });
  }
  if (audio.length !== samples) {
    throw new NeurorackError('NR_USAGE', `expected target.audio to hold exactly ${samples} samples (frames * hop), it holds ${audio.length}`, { pointer: '/target/audio' });
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
}
