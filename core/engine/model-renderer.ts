/**
 * What the engine needs from a model: an offline render of a descriptor curve. The model plugin
 * (plugins/model-sinc-nsf) satisfies it through an adapter; tests use the additive renderer.
 *
 * Obligations:
 * - `render(frames, seed)` resolves with `frames.length * hop` samples at `sampleRate` (22050 Hz),
 *   finite, roughly within [-1, 1]; the same frames and seed give the same samples.
 * - It may run on another thread but must not block the caller's event loop for long.
 * - It rejects (never resolves with garbage) when it cannot render.
 * - `renderInto`, where offered, writes the same samples progressively into shared memory (see
 *   {@link RenderTarget}) so playback can start before the whole render is done.
 */
/**
 * The seed the engine renders with unless the host is given one (RenderEngineOptions.seed). A
 * model whose randomness depends on the seed may warm up with it, so that its first render at boot
 * finds that randomness drawn (the sinc-NSF's first 80 frames of noise).
 */
export const DEFAULT_RENDER_SEED = 1;

/**
 * Frames a progressive render's first chunk should hold (ModelRenderer.renderInto): the engine
 * publishes a render, and a sounding voice moves to its part, once this many frames of it are
 * written. A shorter first chunk waits for the next one (written after the other parts' first
 * chunks, at the model's lower priority): FRAVE's first chunk of 1 frame held each render back
 * for its second, 4-5 ms of a CV change's 12 in a quiet patch.
 */
export const LEAD_FRAMES = 2;

export interface ModelRenderer {
  readonly id: string;
  readonly sampleRate: number;
  readonly hop: number;
  render(frames: number[][], seed: number): Promise<Float32Array>;
  /**
   * Renders the same samples as render(frames, seed) (within 1e-4; see RenderTarget.origin for a
   * curve placed elsewhere on the timeline), or the part of them the target holds (see
   * RenderTarget.from), straight into target, a short
   * first chunk first ({@link LEAD_FRAMES} to 4 frames) so playback can start early, then chunks at most twice
   * the one before, each written before the audio ahead of it has played out at the model's
   * usual speed; resolves when all samples are written; rejects on failure, leaving ready where
   * it was. A target cancelled before its first chunk starts is left unwritten.
   */
  renderInto?(frames: number[][], seed: number, target: RenderTarget): Promise<void>;
  /**
   * For models with a latent beside the descriptors: renders started from now on play the latent
   * moved `position[i]` standard deviations along its i-th principal direction (most varied first;
   * missing entries 0, entries past the model's directions ignored). Renders already running keep
   * the position they started with.
   */
  setLatent?(position: readonly number[]): void;
  /** Releases what the model holds (its worker, its runtime session); nothing renders after it. */
  dispose?(): Promise<void>;
}

/** Where a progressive render writes. Both arrays are backed by SharedArrayBuffers so other threads (the audio worker) can read the audio while it fills. */
export interface RenderTarget {
  /**
   * The samples of frames [from, from + audio.length / hop) of the render of all `frames`: a whole
   * number of frames, at least one, within the curve (frames.length * hop samples when `from` is
   * 0 and the target is the whole render). The samples are the same as in the whole render (the
   * frames before `from` are the context they are computed with), so a part spliced into a sound
   * playing the same curve continues it.
   */
  readonly audio: Float32Array;
  /** The first frame the target holds (default 0). */
  readonly from?: number;
  /**
   * Where frame 0 of the curve sits on the module's timeline, in frames (default 0): a render's
   * region and the sounding voice's part are one sound that begins at the scrub position, so
   * their curve starts there, while an older render's began where the scrub was then. A model
   * that keeps its state from render to render (a streaming decoder) places what it keeps at
   * `origin + frame`, so that a voice's part continues the state of the sound at the voice's
   * place on the timeline, whichever render it came from; one that draws its randomness by
   * position may draw it there too (FRAVE does), and then writes the samples of the curve placed
   * at `origin` (the same as render(frames, seed) when `origin` is 0).
   */
  readonly origin?: number;
  /** [0] = samples written so far, from the start, in order; only grows; published with Atomics.store after each chunk is fully written. */
  readonly ready: Int32Array;
  /**
   * Optional, shared: the caller sets [0] to 1 when it no longer needs the rest (a newer render
   * replaced this one); the model then stops after the chunk it is writing and resolves, leaving
   * `ready` short of the end.
   */
  readonly cancel?: Int32Array;
  /**
   * A voice is waiting for this render's first chunk (a stepped gate: the CVs at the gate moved a
   * step from what plays): the model should start that chunk at once, ahead of its other work,
   * and run it at `urgentChunk` priority (FirstChunkGate.enterFirst(true)).
   */
  readonly urgent?: boolean;
  /**
   * A voice sounding now switches to this part once its first chunk is written (the CVs moved
   * under it), and plays on meanwhile: what that chunk writes past the voice is the voice's
   * runway until the next render's part takes over (the sinc-NSF makes it 4 frames instead of 2;
   * its context costs the same either way).
   */
  readonly sounding?: boolean;
  /**
   * Frames the first chunk should hold at least (default: the model's own first chunk, from
   * {@link LEAD_FRAMES}): asked where a reader takes a render only once this much is written from
   * its start. A loop grain plays about 3.5 frames from the scrub position; under CVs that never
   * rest, a newer render stops each one after its first chunk, so with 2 frames no render ever
   * carried a grain and the loop kept a render from before the CVs moved.
   */
  readonly firstFrames?: number;
  /**
   * Optional, shared, written by the thread that mixes: [0] = samples of `audio` its furthest
   * reader (a voice: loop grains read within their first chunk) has played, 0 until one reads it; notified when the first one
   * starts. A model should then write its later chunks only as they are needed: while fewer than
   * PACE_AHEAD_FRAMES are written past that, or once the render has gone on for PACE_SETTLE_MS
   * (the SDK's `laterChunkWanted` waits for exactly that). Under CVs that never rest a newer
   * render stops each one within milliseconds, and the chunks it wrote ahead of every reader were
   * never heard. Absent (the virtual clock, a whole render): write on at the model's speed.
   */
  readonly played?: Int32Array;
}
