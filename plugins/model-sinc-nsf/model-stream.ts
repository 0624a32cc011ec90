import { NeurorackError, packDescriptors } from 'neurorack/sdk';
import type { SincNsfWorker as ModelWorkerClient } from './model-worker-client';
import { streamBlockFrames, type StreamOptions } from './stream-renderer';

/** Streams abandoned without close() free their worker-side buffers when collected. */
const abandoned = new FinalizationRegistry<{ client: ModelWorkerClient; stream: number; generation: number }>((s) => {
  if (s.client.generation === s.generation) s.client.request({ op: 'streamClose', stream: s.stream }).catch(() => undefined);
});

let nextStream = 1;

/**
 * A streaming render whose windows, randomness and runs live in the model worker (a
 * StreamRenderer there); the same obligations as {@link StreamRenderer}. `push` checks frames here
 * and throws at once; `pull` resolves with a fresh array. If the worker stops, pending and later
 * pulls reject with NR_MODEL_RENDER_FAILED.
 */
export class ModelStream {
  readonly blockFrames: number;
  readonly latencyFrames: number;
  private readonly stream = nextStream++;
  private readonly generation: number;
  private pushed = 0;
  private emitted = 0;
  private ended = false;
  private pulling = false;
  private closed = false;
  private failure: Error | undefined;

  constructor(private readonly client: ModelWorkerClient, private readonly width: number, rightFrames: number, seed: number, options: StreamOptions = {}) {
    this.blockFrames = streamBlockFrames(options);
    this.latencyFrames = this.blockFrames + rightFrames;
    this.send(client.request({ op: 'streamOpen', stream: this.stream, seed, blockFrames: this.blockFrames }));
    this.generation = client.generation;
    abandoned.register(this, { client, stream: this.stream, generation: this.generation }, this);
  }

  /** Appends descriptor frames ([width] raw values each, f0 last); bad frames throw NR_MODEL_DESCRIPTORS_INVALID. */
  push(frames: ReadonlyArray<ReadonlyArray<number>>): void {
    if (this.ended) throw new NeurorackError('NR_USAGE', 'push after end(): the stream is closed');
    if (!frames.length) return;
    const desc = packDescriptors(frames, this.width);
    this.send(this.client.request({ op: 'streamPush', stream: this.stream, desc, frames: frames.length }, [desc.buffer as ArrayBuffer]));
    this.pushed += frames.length;
  }

  /** No more frames: the remaining blocks (the last one possibly shorter) become available. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.send(this.client.request({ op: 'streamEnd', stream: this.stream }));
  }

  get framesIn(): number { return this.pushed; }
  get framesOut(): number { return this.emitted; }
  get done(): boolean { return this.ended && this.emitted >= this.pushed; }

  /** The next block, or null when more frames are needed (or all is out). */
  async pull(): Promise<Float32Array | null> {
    if (this.pulling) throw new NeurorackError('NR_USAGE', 'pull() while a previous pull is running');
    if (this.failure) throw this.failure;
    if (this.client.generation !== this.generation) throw new NeurorackError('NR_MODEL_RENDER_FAILED', 'the model worker this stream ran in has stopped');
    if (this.closed || (this.done && this.pushed > 0)) return null;
    this.pulling = true;
    try {
      const r = await this.client.request({ op: 'streamPull', stream: this.stream });
      if (this.failure) throw this.failure;
      this.emitted = r.framesOut;
      if (this.done) this.close();
      return r.audio;
    } finally {
      this.pulling = false;
    }
  }

  /** Frees the worker's buffers for this stream; later pulls resolve null. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    abandoned.unregister(this);
    if (this.client.generation === this.generation) this.send(this.client.request({ op: 'streamClose', stream: this.stream }));
  }

  /** Fire-and-forget operations report their failure on the next pull. */
  private send(p: Promise<unknown>): void {
    p.catch((err: Error) => { this.failure ??= err; });
  }
}
