import { FirstChunkGate, LEAD_FRAMES, laterChunkWanted, NeurorackError, PACE_AHEAD_FRAMES } from 'neurorack/sdk';
import type { GraphRunner } from './graph-runner';
import { StreamRenderer, type StreamBuffers } from './stream-renderer';

/**
 * Chunk sizes of a progressive render: a short first chunk for early playback, then chunks that
 * double up to `laterFrames`. Each chunk is computed over its window with the model's whole
 * receptive field, so a small chunk costs its context too, and the next chunk must be written
 * before the audio already written has played out. The shipped model (effective field 11 frames
 * left, 6 ahead; its filters on their sample window, 9 left and 2 ahead; about 0.6 ms a frame of
 * samples on one core here): the 2-frame first chunk reads 8 frames of descriptors and computes 4
 * of samples (2.5-2.8 ms; 4.6 ms before the sample window) and buys 46 ms of audio; with two render lanes the rest (4 frames, then
 * 8 ...) starts on the other lane at the same time, at the first chunk's priority for its first
 * pull, so it is written long before those 46 ms are out. Measured against a 4-frame first chunk,
 * same seed, quiet machine: stepped gates' p50 9.4-13.5 ms against 11.3-16.2, the render stage
 * 6.3-10.0 ms against 7.7-11.9, no more dropouts (one in each run).
 */
export interface ChunkPlan {
  /** Frames of the first chunk (2: about 46 ms of audio at 22050 Hz / 512). */
  readonly firstFrames: number;
  /** Frames of the largest later chunk; larger means less recomputed context per sample. */
  readonly laterFrames: number;
}

export const DEFAULT_CHUNKS: ChunkPlan = { firstFrames: LEAD_FRAMES, laterFrames: 32 };

/**
 * Chunks of a sounding voice's part (RenderTarget.sounding): its first chunk carries the model's
 * left context whatever its length (9 frames of samples before it), so two more frames cost about
 * 1.2 ms on top of its 7.7 and give the voice 93 ms of sound ahead instead of 46. With 2, the
 * voice reached the end of what was written before the next render's part (which stops this one)
 * was written, under an LFO about 16 times a second, and crossfaded to the last complete render
 * meanwhile: under CVs that never rest, the one rendered at boot.
 */
export const SOUNDING_CHUNKS: ChunkPlan = { firstFrames: 4, laterFrames: 32 };

/**
 * Renders checked, packed descriptors [t*width] with `seed` straight into `audio` (t*hop samples)
 * chunk by chunk through the streaming windows, so it equals the offline render within the
 * streaming tolerance. After each chunk is fully written, `ready[0]` is set to the samples written
 * from the start (Atomics.store, then Atomics.notify); on failure `ready` stays at the last chunk.
 * When `cancel[0]` becomes non-zero it stops after the chunk in progress and resolves. `part`
 * narrows it to some frames of the render (see RenderPart); `urgent`: a voice waits for the first
 * chunk (RenderTarget.urgent), which runs at `urgentChunk` priority; `played`
 * (RenderTarget.played): later chunks wait until the readers need them (laterChunkWanted).
 */
export async function renderProgressively(
  runner: GraphRunner, desc: Float32Array, t: number, seed: number,
  audio: Float32Array, ready: Int32Array, plan: ChunkPlan = DEFAULT_CHUNKS, gate = new FirstChunkGate(), cancel: Int32Array | null = null,
  part: RenderPart = WHOLE, urgent = false, played: Int32Array | null = null,
): Promise<void> {
  const stream = new StreamRenderer(runner, seed, { blockFrames: plan.laterFrames, buffers: spareBuffers.pop() });
  const to = Math.min(t, part.to ?? t);
  const cancelled = (): boolean => cancel !== null && Atomics.load(cancel, 0) !== 0;
  try {
    stream.pushPacked(desc, t);
    stream.end();
    // A render replaced before its turn came (requests queue on the model thread) costs nothing.
    if (cancelled()) return;
    stream.skip(part.from ?? 0);
    if (stream.framesOut >= to) return;
    const base = part.readyBase ?? 0;
    // The rest of a render waits for its first chunk (written on the first lane) before it
    // computes, without holding this thread: it could not publish earlier anyway, and meanwhile
    // this lane writes the first chunk of another part asked for at the same moment (a voice's
    // part beside its render's region) instead of making it wait behind this part's first pull.
    if (base > 0) {
      if (!(await baseWritten(ready, base, cancel))) return;
      await gate.clear();
    }
    let written = 0;
    // A part after another thread's first chunk goes on as the second chunk would, and as
    // urgently: the first chunk's audio is short.
    let chunk = Math.min(base === 0 ? plan.firstFrames : 2 * plan.firstFrames, to - stream.framesOut);
    gate.enterFirst(urgent);
    try {
      written = await stream.pullInto(audio, 0, chunk);
    } finally {
      gate.leaveFirst(urgent);
    }
    publish(ready, base + written);
    const paced = { ready, played, cancel };
    const settleFrom = performance.now();
    while (stream.framesOut < to && !cancelled()) {
      await laterChunkWanted(paced, PACE_AHEAD_FRAMES * runner.hop, runner.sampleRate / 1000, settleFrom);
      if (cancelled()) break;
      await gate.clear();
      chunk = Math.min(plan.laterFrames, chunk * 2, to - stream.framesOut);
      const n = await stream.pullInto(audio, written, chunk);
      if (n === 0) break;
      written += n;
      publish(ready, base + written);
    }
  } finally {
    if (spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(stream.releaseBuffers());
  }
}

/**
 * Which part of a render one call writes, and how it counts: frames [from, to) of the render of
 * the whole curve (the same samples, computed with the context before `from`), written from
 * audio[0]. `readyBase` > 0: another model thread is writing the `readyBase` samples before this
 * part into the same target (the first chunk, on the thread kept for first chunks); this part's
 * counts are published as readyBase + written, never before that thread's count has reached
 * readyBase, so `ready` only ever says what is written from the start.
 */
export interface RenderPart {
  readonly from?: number;
  readonly to?: number;
  readonly readyBase?: number;
}

const WHOLE: RenderPart = {};

/**
 * How long a part waits for the first chunk before it to be published before giving up: a thread
 * that failed or stalled, not a slow one. The wait holds no thread. At 2 s the arm64 check's replay
 * failed: under qemu a first chunk takes seconds, and the rest of that render was never published
 * (a replay on the virtual clock then depended on the machine's speed).
 */
const BASE_WAIT_MS = 30_000;

/**
 * Buffers of finished renders, for the next ones: a render allocated about 3 MB of randomness
 * buffers, ten times a second while CVs move, and the garbage kept resident memory high.
 */
const spareBuffers: StreamBuffers[] = [];
const MAX_SPARE_BUFFERS = 4;

/**
 * Resolves true once `ready` says the `base` samples before a part are written, false when the
 * render is cancelled first; rejects after BASE_WAIT_MS. Waits asynchronously: the thread goes on
 * with other requests meanwhile.
 */
async function baseWritten(ready: Int32Array, base: number, cancel: Int32Array | null): Promise<boolean> {
  const deadline = performance.now() + BASE_WAIT_MS;
  for (let seen = Atomics.load(ready, 0); seen < base; seen = Atomics.load(ready, 0)) {
    if (cancel && Atomics.load(cancel, 0)) return false;
    const left = deadline - performance.now();
    if (left <= 0) throw new NeurorackError('NR_MODEL_RENDER_FAILED', `the first chunk of this render (${base} samples) was not written within ${BASE_WAIT_MS} ms; the rest of it is not published`);
    // Short waits: a cancel is not notified on `ready`.
    const w = (Atomics as unknown as AtomicsWaitAsync).waitAsync(ready, 0, seen, Math.min(left, 2));
    if (w.async) await w.value;
  }
  return !(cancel && Atomics.load(cancel, 0));
}

/** Node has Atomics.waitAsync; the ES2022 lib typings do not. */
interface AtomicsWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs?: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** Says `samples` are written from the start (the part's base is already published: see baseWritten). */
function publish(ready: Int32Array, samples: number): void {
  Atomics.store(ready, 0, samples);
  Atomics.notify(ready, 0);
}
