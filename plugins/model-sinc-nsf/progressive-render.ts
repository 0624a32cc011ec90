import type { GraphRunner } from './graph-runner';
import { FirstChunkGate } from './first-chunk-gate';
import { StreamRenderer, type StreamBuffers } from './stream-renderer';

/**
 * Chunk sizes of a progressive render: a short first chunk for early playback, then chunks that
 * double up to `laterFrames`. Each chunk is computed over its window with the model's whole
 * receptive field, so a small chunk costs its context too, and the next chunk must be written
 * before the audio already written has played out. The shipped model (18 frames left, 9 ahead,
 * about 0.9 ms a frame of window on one core here): the 4-frame first chunk costs a 13-frame
 * window (about 12 ms) and buys 93 ms of audio; the 8-frame second chunk's window of 35 frames
 * takes about 32 ms, a margin of three. A 2-frame first chunk saves about 2 ms but leaves the
 * second chunk a margin of 1.5, which a busy machine eats.
 */
export interface ChunkPlan {
  /** Frames of the first chunk (4: about 93 ms of audio at 22050 Hz / 512). */
  readonly firstFrames: number;
  /** Frames of the largest later chunk; larger means less recomputed context per sample. */
  readonly laterFrames: number;
}

export const DEFAULT_CHUNKS: ChunkPlan = { firstFrames: 4, laterFrames: 32 };

/**
 * Renders checked, packed descriptors [t*width] with `seed` straight into `audio` (t*hop samples)
 * chunk by chunk through the streaming windows, so it equals the offline render within the
 * streaming tolerance. After each chunk is fully written, `ready[0]` is set to the samples written
 * from the start (Atomics.store, then Atomics.notify); on failure `ready` stays at the last chunk.
 * When `cancel[0]` becomes non-zero it stops after the chunk in progress and resolves.
 */
export async function renderProgressively(
  runner: GraphRunner, desc: Float32Array, t: number, seed: number,
  audio: Float32Array, ready: Int32Array, plan: ChunkPlan = DEFAULT_CHUNKS, gate = new FirstChunkGate(), cancel: Int32Array | null = null,
): Promise<void> {
  const stream = new StreamRenderer(runner, seed, { blockFrames: plan.laterFrames, buffers: spareBuffers.pop() });
  try {
    stream.pushPacked(desc, t);
    stream.end();
    let written = 0;
    // A render replaced before its turn came (requests queue on the model thread) costs nothing.
    if (cancel && Atomics.load(cancel, 0)) return;
    gate.enterFirst();
    try {
      written = await stream.pullInto(audio, 0, plan.firstFrames);
    } finally {
      gate.leaveFirst();
    }
    publish(ready, written);
    let chunk = plan.firstFrames;
    while (!stream.done && !(cancel && Atomics.load(cancel, 0))) {
      await gate.clear();
      chunk = Math.min(plan.laterFrames, chunk * 2);
      written += await stream.pullInto(audio, written, chunk);
      publish(ready, written);
    }
  } finally {
    if (spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(stream.releaseBuffers());
  }
}

/**
 * Buffers of finished renders, for the next ones: a render allocated about 3 MB of randomness
 * buffers, ten times a second while CVs move, and the garbage kept resident memory high.
 */
const spareBuffers: StreamBuffers[] = [];
const MAX_SPARE_BUFFERS = 4;

function publish(ready: Int32Array, written: number): void {
  Atomics.store(ready, 0, written);
  Atomics.notify(ready, 0);
}
