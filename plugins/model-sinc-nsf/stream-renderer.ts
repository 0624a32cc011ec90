import { NeurorackError } from '../../core/errors/neurorack-error';
import { NoiseStream } from './noise-stream';
import { PhaseTracker } from './phase-tracker';
import type { SincNsfModel } from './sinc-nsf-model';

export interface StreamOptions {
  /** Frames per block handed out (default 16, about 0.37 s at 22050 Hz / 512). */
  readonly blockFrames?: number;
}

/**
 * Streams one render: descriptor frames go in as they arrive, audio blocks come out once the
 * model's lookahead is available. Each block is rendered over a window with the model's full left
 * context and lookahead (its receptive field), so the concatenated blocks equal the offline render
 * of the same frames and seed; the randomness is drawn frame by frame in the offline order.
 *
 * Latency: a block of `blockFrames` is ready once `blockFrames + rightFrames` frames past its start
 * have been pushed (or the stream has ended). Buffers are preallocated; `pull` allocates only the
 * runtime's tensors.
 */
export class StreamRenderer {
  readonly blockFrames: number;
  /** Frames after a block's start that must be pushed before it can be pulled. */
  readonly latencyFrames: number;
  private readonly noise: NoiseStream;
  private readonly phase: PhaseTracker;
  private readonly phaseIn: Float32Array;
  private capacity: number;
  private desc: Float32Array;
  private harmonic: Float32Array;
  private excitation: Float32Array;
  private readonly out: Float32Array;
  /** History holds frames [start, start + count). */
  private start = 0;
  private count = 0;
  private emitted = 0;
  private ended = false;
  private busy = false;

  constructor(private readonly model: SincNsfModel, seed: number, options: StreamOptions = {}) {
    this.blockFrames = Math.max(1, Math.floor(options.blockFrames ?? 16));
    this.latencyFrames = this.blockFrames + model.rightFrames;
    this.noise = new NoiseStream(seed);
    const initial = new Float32Array(model.sines);
    this.noise.drawPhase(initial);
    this.phase = new PhaseTracker(model.sines, model.sampleRate, model.hop, initial);
    this.phaseIn = new Float32Array(model.sines);
    this.capacity = model.leftFrames + 2 * this.blockFrames + model.rightFrames;
    this.desc = new Float32Array(this.capacity * model.width);
    this.harmonic = new Float32Array(this.capacity * model.hop * model.sines);
    this.excitation = new Float32Array(this.capacity * model.hop);
    this.out = new Float32Array(this.blockFrames * model.hop);
  }

  /** Appends descriptor frames ([width] raw values each, f0 last). */
  push(frames: ReadonlyArray<ReadonlyArray<number>>): void {
    if (this.ended) throw new NeurorackError('NR_USAGE', 'push after end(): the stream is closed');
    const { width, hop, sines } = this.model;
    frames.forEach((row, i) => {
      if (!row || row.length !== width || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        throw new NeurorackError('NR_MODEL_DESCRIPTORS_INVALID', `expected ${width} finite values per frame`, { pointer: `/frames/${i}` });
      }
    });
    for (const row of frames) {
      if (this.count === this.capacity) this.grow();
      const f = this.count++;
      for (let k = 0; k < width; k++) this.desc[f * width + k] = row[k]!;
      this.noise.drawSamples(this.harmonic, f * hop * sines, this.excitation, f * hop, hop, sines);
    }
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
    if (this.busy) throw new NeurorackError('NR_USAGE', 'pull() while a previous pull is running');
    const total = this.framesIn;
    const b0 = this.emitted;
    const b1 = Math.min(b0 + this.blockFrames, total);
    if (b1 <= b0) return null;
    if (!this.ended && b0 + this.latencyFrames > total) return null;
    if (this.ended && total === 0) {
      throw new NeurorackError('NR_MODEL_DESCRIPTORS_INVALID', 'expected at least one descriptor frame (T = 0)', { pointer: '/frames' });
    }
    const { hop, width, sines } = this.model;
    this.dropBefore(Math.max(0, b0 - this.model.leftFrames));
    const w0 = this.start;
    const w1 = this.ended ? total : b0 + this.blockFrames + this.model.rightFrames;
    const t = w1 - w0;
    this.phase.write(this.phaseIn);
    this.busy = true;
    let audio: Float32Array;
    try {
      audio = await this.model.run(this.desc.subarray(0, t * width), t, this.phaseIn,
        this.harmonic.subarray(0, t * hop * sines), this.excitation.subarray(0, t * hop));
    } finally {
      this.busy = false;
    }
    const n = (b1 - b0) * hop;
    this.out.set(audio.subarray((b0 - w0) * hop, (b0 - w0) * hop + n));
    this.emitted = b1;
    return this.out.subarray(0, n);
  }

  /** Forgets frames before `frame`, advancing the phase over them. */
  private dropBefore(frame: number): void {
    const drop = frame - this.start;
    if (drop <= 0) return;
    const { hop, width, sines } = this.model;
    for (let f = 0; f < drop; f++) this.phase.advance(this.desc[f * width + width - 1]!);
    this.desc.copyWithin(0, drop * width, this.count * width);
    this.harmonic.copyWithin(0, drop * hop * sines, this.count * hop * sines);
    this.excitation.copyWithin(0, drop * hop, this.count * hop);
    this.start = frame;
    this.count -= drop;
  }

  /** More frames were pushed than a block and its lookahead: make room (rare; allocates). */
  private grow(): void {
    const { hop, width, sines } = this.model;
    this.capacity *= 2;
    const grow = (a: Float32Array, per: number): Float32Array => { const b = new Float32Array(this.capacity * per); b.set(a); return b; };
    this.desc = grow(this.desc, width);
    this.harmonic = grow(this.harmonic, hop * sines);
    this.excitation = grow(this.excitation, hop);
  }
}
