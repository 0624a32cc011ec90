import { NeurorackError } from '../errors/neurorack-error';
import type { LoadedModel } from '../model-runtime/model-runtime';
import { nowMs } from './render-times';

/** One chunk a progressive render published: its frames and the milliseconds since the previous publication (or the request). */
export interface ChunkTiming {
  readonly frames: number;
  readonly ms: number;
}

/** How long this thread blocks on `ready` before it lets its event loop run (a runtime rendering on this thread needs it). */
const BLOCK_MS = 20;

/**
 * Runs one progressive render (`renderInto`) of `curve` and times each chunk as the engine sees
 * it: from the request (for the first) or the previous chunk's publication to this one's. This
 * thread blocks on `ready` (Atomics.wait wakes within microseconds of a chunk's notify, where an
 * event-loop wait missed chunks on a busy machine), yielding to its event loop every BLOCK_MS
 * without progress. Two chunks published closer together than this thread wakes are reported as
 * one chunk of both sizes.
 */
export async function timeProgressiveRender(model: LoadedModel, curve: number[][], seed: number): Promise<ChunkTiming[]> {
  if (!model.renderInto) throw new NeurorackError('NR_USAGE', `model ${model.id} offers no renderInto; expected a progressive model`);
  const samples = curve.length * model.hop;
  const audio = new Float32Array(new SharedArrayBuffer(samples * Float32Array.BYTES_PER_ELEMENT));
  const ready = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const chunks: ChunkTiming[] = [];
  let seen = 0;
  let last = nowMs();
  let failed: unknown;
  let settled = false;
  const render = model.renderInto(curve, seed, { audio, ready }).catch((err: unknown) => { failed = err; }).finally(() => { settled = true; });
  while (seen < samples) {
    if (!settled && Atomics.wait(ready, 0, seen, BLOCK_MS) === 'timed-out') await new Promise((resolve) => setImmediate(resolve));
    const now = Atomics.load(ready, 0);
    if (now > seen) {
      const t = nowMs();
      chunks.push({ frames: (now - seen) / model.hop, ms: t - last });
      last = t;
      seen = now;
    } else if (settled) {
      break;
    }
  }
  await render;
  if (failed) throw failed;
  const written = Atomics.load(ready, 0);
  if (written !== samples) {
    throw new NeurorackError('NR_MODEL_RENDER_FAILED', `model ${model.id}'s progressive render resolved with ${written} of ${samples} samples written; expected all of them`);
  }
  return chunks;
}
