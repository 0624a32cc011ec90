import { NeurorackError, packDescriptors, SilentFrameHold } from 'neurorack/sdk';
import type { GraphRunner } from './graph-runner';
import { NoisePrefix } from './noise-prefix';
import type { NoiseStream } from './noise-stream';
import { PhaseTracker } from './phase-tracker';

/** The large buffers of a stream (descriptors and randomness), handed from one stream to the next so renders do not allocate them again. */
export interface StreamBuffers {
  desc: Float32Array;
  harmonic: Float32Array;
  excitation: Float32Array;
}

export interface StreamOptions {
  /** Buffers to reuse (from a finished stream's `releaseBuffers()`); used when large enough. */
  readonly buffers?: StreamBuffers;
  /** Frames per block handed out (default 16, about 0.37 s at 22050 Hz / 512). */
  readonly blockFrames?: number;
}

/** The block size a stream with these options hands out. */
export function streamBlockFrames(options: StreamOptions = {}): number {
  return Math.max(1, Math.floor(options.blockFrames ?? 16));
}

/**
 * Streams one render: descriptor frames go in as they arrive, audio blocks come out once the
 * model's lookahead is available. Each block is rendered over a window with the model's full left
 * context and lookahead (its receptive field; a model with a sample window computes its samples
 * only over the block and the frames its filters need around it), so the concatenated blocks equal the offline render
 * of the same frames and seed; the randomness is drawn in the offline order, lazily, up to the end
 * of the window being rendered (so a first block never waits for the whole curve's noise). Silent
 * frames are conditioned as they arrive, by the same causal rule as offline (core/descriptors/silent-frames.ts).
 *
 * Latency: a block of `blockFrames` is ready once `blockFrames + rightFrames` frames past its start
 * have been pushed (or the stream has ended).
 */
export class StreamRenderer {
  readonly blockFrames: number;
  /** Frames after a block's start that must be pushed before it can be pulled. */
  readonly latencyFrames: number;
  private readonly prefix: NoisePrefix;
  /** The generator past the prefix (made when the stream first draws beyond it). */
  private noise: NoiseStream | undefined;
  private readonly silence: SilentFrameHold;
  private readonly phase: PhaseTracker;
  private readonly phaseIn: Float32Array;
  private descCapacity: number;
  private noiseCapacity: number;
  private desc: Float32Array;
  private harmonic: Float32Array;
  private excitation: Float32Array;
  private readonly out: Float32Array;
  /** Buffers hold frames [start, start + count); randomness is drawn for frames before `drawnEnd`. */
  private start = 0;
  private count = 0;
  private drawnEnd = 0;
  private emitted = 0;
  private ended = false;
  private busy = false;

  constructor(private readonly model: GraphRunner, seed: number, options: StreamOptions = {}) {
    this.blockFrames = streamBlockFrames(options);
    this.latencyFrames = this.blockFrames + model.rightFrames;
    this.prefix = NoisePrefix.of(seed, model.sines, NoisePrefix.FRAMES * model.hop);
    this.silence = new SilentFrameHold(model.width, model.neutral);
    this.phase = new PhaseTracker(model.sines, model.sampleRate, model.hop, this.prefix.phase);
    this.phaseIn = new Float32Array(model.sines);
    this.descCapacity = this.noiseCapacity = model.leftFrames + 2 * this.blockFrames + model.rightFrames;
    const reuse = options.buffers;
    const fits = (a: Float32Array | undefined, n: number) => a !== undefined && a.length >= n;
    this.desc = fits(reuse?.desc, this.descCapacity * model.width) ? reuse!.desc : new Float32Array(this.descCapacity * model.width);
    this.harmonic = fits(reuse?.harmonic, this.noiseCapacity * model.hop * model.sines) ? reuse!.harmonic : new Float32Array(this.noiseCapacity * model.hop * model.sines);
    this.excitation = fits(reuse?.excitation, this.noiseCapacity * model.hop) ? reuse!.excitation : new Float32Array(this.noiseCapacity * model.hop);
    this.descCapacity = this.desc.length / model.width;
    this.noiseCapacity = Math.min(this.harmonic.length / (model.hop * model.sines), this.excitation.length / model.hop);
    this.out = new Float32Array(this.blockFrames * model.hop);
  }

  /** Appends descriptor frames ([width] raw values each, f0 last); bad frames throw NR_MODEL_DESCRIPTORS_INVALID. */
  push(frames: ReadonlyArray<ReadonlyArray<number>>): void {
    if (this.ended) throw new NeurorackError('NR_USAGE', 'push after end(): the stream is closed');
    if (frames.length) this.pushPacked(packDescriptors(frames, this.model.width), frames.length);
  }

  /** Appends `frames` frames already checked and packed as float32 [frames * width]. */
  pushPacked(desc: Float32Array, frames: number): void {
    if (this.ended) throw new NeurorackError('NR_USAGE', 'push after end(): the stream is closed');
    const { width } = this.model;
    while (this.count + frames > this.descCapacity) this.descCapacity *= 2;
    if (this.desc.length < this.descCapacity * width) this.desc = grown(this.desc, this.descCapacity * width);
    this.desc.set(desc.subarray(0, frames * width), this.count * width);
    this.silence.apply(this.desc, frames, this.count * width);
    this.count += frames;
  }

  /** No more frames: the remaining blocks (the last one possibly shorter) become available. */
  end(): void {
    this.ended = true;
  }

  /** Frames pushed so far and frames already handed out. */
  get framesIn(): number { return this.start + this.count; }
  get framesOut(): number { return this.emitted; }

  /** Whether the stream has handed out every frame after end(). */
  get done(): boolean { return this.ended && this.emitted >= this.framesIn; }

  /**
   * The next block, or null when more frames are needed (or all is out). The returned array is a
   * view into a reused buffer, valid until the next call.
   */
  async pull(): Promise<Float32Array | null> {
    const n = await this.pullInto(this.out, 0, this.blockFrames);
    return n ? this.out.subarray(0, n) : null;
  }

  /**
   * Renders the next block of at most `maxFrames` frames into `dst` from `offset`; resolves with
   * the samples written, 0 when more frames are needed (or all is out). Nothing is written on failure.
   */
  async pullInto(dst: Float32Array, offset: number, maxFrames = this.blockFrames): Promise<number> {
    if (this.busy) throw new NeurorackError('NR_USAGE', 'pull() while a previous pull is running');
    const total = this.framesIn;
    if (this.ended && total === 0) {
      throw new NeurorackError('NR_MODEL_DESCRIPTORS_INVALID', 'expected at least one descriptor frame (T = 0)', { pointer: '/frames' });
    }
    const frames = Math.max(1, Math.floor(maxFrames));
    const b0 = this.emitted;
    const b1 = Math.min(b0 + frames, total);
    if (b1 <= b0) return 0;
    if (!this.ended && b0 + frames + this.model.rightFrames > total) return 0;
    const { hop, width, sines } = this.model;
    if (offset < 0 || offset + (b1 - b0) * hop > dst.length) {
      throw new NeurorackError('NR_USAGE', `expected room for ${(b1 - b0) * hop} samples at ${offset}, the destination holds ${dst.length}`);
    }
    this.dropBefore(Math.max(0, b0 - this.model.leftFrames));
    const w0 = this.start;
    const w1 = Math.min(total, b1 + this.model.rightFrames);
    // The filters' own window (a model with a sample window): samples only around the block.
    const sw = this.model.sampleWindow;
    const s0 = sw ? Math.max(w0, b0 - sw.left) : w0;
    const s1 = sw ? Math.min(w1, b1 + sw.right) : w1;
    if (this.drawnEnd < s0) this.jumpNoiseTo(s0); // randomness before the filters' window is never read
    this.drawUpTo(s1);
    const t = w1 - w0;
    this.phase.write(this.phaseIn);
    this.busy = true;
    let audio: Float32Array;
    try {
      audio = await this.model.run(this.desc.subarray(0, t * width), t, this.phaseIn,
        this.harmonic.subarray((s0 - w0) * hop * sines, (s1 - w0) * hop * sines), this.excitation.subarray((s0 - w0) * hop, (s1 - w0) * hop), s0 - w0);
    } finally {
      this.busy = false;
    }
    const n = (b1 - b0) * hop;
    dst.set(audio.subarray((b0 - s0) * hop, (b0 - s0) * hop + n), offset);
    this.emitted = b1;
    return n;
  }

  /**
   * Moves past the first `frames` frames without rendering them, leaving the stream exactly as
   * pulling them would (the same randomness drawn, the phase advanced over them), so the next
   * pull continues the same render: how a render that starts at a voice's position, or a model
   * thread that takes over after another wrote the first chunk, begins.
   */
  skip(frames: number): void {
    if (this.busy) throw new NeurorackError('NR_USAGE', 'skip() while a pull is running');
    const target = Math.min(Math.max(0, Math.floor(frames)), this.framesIn);
    if (target <= this.emitted) return;
    // The next pull's window starts `leftFrames` before it: randomness before that is never read,
    // so the generator jumps over it instead of drawing it.
    const keep = Math.max(this.start, target - this.model.leftFrames);
    if (keep > this.drawnEnd) this.jumpNoiseTo(keep);
    this.dropBefore(keep);
    this.emitted = target;
  }

  /** Positions the randomness at frame `frame` (past what is drawn) without drawing the frames between. */
  private jumpNoiseTo(frame: number): void {
    const { hop, sines } = this.model;
    // Samples inside the prefix are copied by position; the generator stands where the prefix ends or at what is drawn.
    const from = Math.max(this.drawnEnd * hop, this.prefix.samples);
    const to = frame * hop;
    if (to > from) {
      this.noise ??= this.prefix.continuation();
      this.noise.skipSamples(to - from, sines);
    }
    this.drawnEnd = frame;
  }

  /** Hands this stream's large buffers on to the next one; this stream must not be used afterwards. */
  releaseBuffers(): StreamBuffers {
    return { desc: this.desc, harmonic: this.harmonic, excitation: this.excitation };
  }

  /** Draws the randomness of every frame before `frame`, in order. */
  private drawUpTo(frame: number): void {
    const from = this.drawnEnd - this.start;
    const to = frame - this.start;
    if (to <= from) return;
    const { hop, sines } = this.model;
    if (to > this.noiseCapacity) {
      while (to > this.noiseCapacity) this.noiseCapacity *= 2;
      this.harmonic = grown(this.harmonic, this.noiseCapacity * hop * sines);
      this.excitation = grown(this.excitation, this.noiseCapacity * hop);
    }
    const at = this.drawnEnd * hop;
    const count = (to - from) * hop;
    const copied = this.prefix.copyInto(this.harmonic, from * hop * sines, this.excitation, from * hop, at, count);
    if (copied < count) {
      this.noise ??= this.prefix.continuation();
      this.noise.drawSamples(this.harmonic, (from * hop + copied) * sines, this.excitation, from * hop + copied, count - copied, sines);
    }
    this.drawnEnd = frame;
  }

  /** Forgets frames before `frame` (never past what is drawn), advancing the phase over them. */
  private dropBefore(frame: number): void {
    const drop = frame - this.start;
    if (drop <= 0) return;
    const { hop, width, sines } = this.model;
    const drawn = this.drawnEnd - this.start;
    for (let f = 0; f < drop; f++) this.phase.advance(this.desc[f * width + width - 1]!);
    this.desc.copyWithin(0, drop * width, this.count * width);
    this.harmonic.copyWithin(0, drop * hop * sines, drawn * hop * sines);
    this.excitation.copyWithin(0, drop * hop, drawn * hop);
    this.start = frame;
    this.count -= drop;
  }
}

/** A larger copy (rare: more frames held than a block and its context; allocates). */
function grown(a: Float32Array, length: number): Float32Array {
  const b = new Float32Array(length);
  b.set(a);
  return b;
}
