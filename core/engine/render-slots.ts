import { WRITTEN_SPAN_SLOTS } from './written-span';

/** A render buffer as the engine writes it: the samples, its written spans and its stop flag, all shared memory. */
export interface RenderBuffer {
  readonly audio: Float32Array;
  readonly spans: Int32Array;
  readonly cancel: Int32Array;
}

/** Where the render engine gets its buffers (a pool, or fresh memory when none is offered). */
export interface RenderBuffers {
  /** A buffer of exactly `samples` samples, spans and stop flag zeroed; undefined when none is free or it is too long. */
  acquire(samples: number): RenderBuffer | undefined;
  /** The engine no longer needs this buffer (neither writing nor keeping it). */
  release(audio: Float32Array): void;
}

/** Who holds a slot: the engine (a model writes it, or it is the ready or last complete render) and the audio worker (playing it). */
export const Holder = { engine: 1, worker: 2 } as const;

/** The shared memory of every slot, handed to the audio worker once at start. */
export interface RenderSlotMemory {
  readonly audio: readonly SharedArrayBuffer[];
  readonly spans: readonly SharedArrayBuffer[];
}

/**
 * A fixed set of render buffers in shared memory, allocated once. Renders used to get a fresh
 * SharedArrayBuffer each (ten a second while CVs move); each one lived on in every thread that had
 * seen it (control, model, audio) until that thread's next full garbage collection, and the audio
 * thread, which allocates nothing, collected almost never: hundreds of megabytes built up. With
 * slots the audio worker is told "version V is in slot k" through its command ring and tells back
 * when it has let slot k go; a slot is reused once neither the engine nor the worker holds it.
 * Renders longer than a slot, or any render while all slots are held, get fresh memory as before.
 */
export class RenderSlots implements RenderBuffers {
  readonly memory: RenderSlotMemory;
  private readonly audio: Float32Array[];
  private readonly spans: Int32Array[];
  private readonly cancel: Int32Array[];
  private readonly holds: Uint8Array;
  /** The view of each slot last handed out (identifies a render's slot by its array). */
  private readonly views: Array<Float32Array | null>;

  constructor(readonly count: number, readonly maxSamples: number, memory?: RenderSlotMemory) {
    const audio = memory?.audio ?? Array.from({ length: count }, () => new SharedArrayBuffer(maxSamples * 4));
    const spans = memory?.spans ?? Array.from({ length: count }, () => new SharedArrayBuffer(WRITTEN_SPAN_SLOTS * 4));
    this.memory = { audio, spans };
    this.audio = audio.map((b) => new Float32Array(b));
    this.spans = spans.map((b) => new Int32Array(b));
    this.cancel = Array.from({ length: count }, () => new Int32Array(new SharedArrayBuffer(4)));
    this.holds = new Uint8Array(count);
    this.views = new Array<Float32Array | null>(count).fill(null);
  }

  /**
   * The slots of `memory`, allocated by another thread (which hands the memory over and keeps out
   * of the bookkeeping): the thread that writes renders keeps who holds what.
   */
  static attach(memory: RenderSlotMemory, maxSamples: number): RenderSlots {
    return new RenderSlots(memory.audio.length, maxSamples, memory);
  }

  acquire(samples: number): RenderBuffer | undefined {
    if (samples > this.maxSamples || samples <= 0) return undefined;
    const k = this.holds.indexOf(0);
    if (k < 0) return undefined;
    this.holds[k] = Holder.engine;
    this.spans[k]!.fill(0);
    this.cancel[k]![0] = 0;
    const view = this.audio[k]!.subarray(0, samples);
    this.views[k] = view;
    return { audio: view, spans: this.spans[k]!, cancel: this.cancel[k]! };
  }

  release(audio: Float32Array): void {
    this.drop(this.slotOf(audio), Holder.engine);
  }

  /** The slot whose current view is `audio`, or -1 (not a slot's render). */
  slotOf(audio: Float32Array): number {
    return this.views.indexOf(audio);
  }

  /** Marks slot `k` as held by `who` too. */
  hold(k: number, who: number): void {
    if (k >= 0 && k < this.count) this.holds[k]! |= who;
  }

  /** `who` lets slot `k` go; it is free once nobody holds it. */
  drop(k: number, who: number): void {
    if (k < 0 || k >= this.count) return;
    this.holds[k]! &= ~who;
    if (this.holds[k] === 0) this.views[k] = null;
  }

  /** `who` lets every slot go (the audio worker stopped). */
  dropAll(who: number): void {
    for (let k = 0; k < this.count; k++) this.drop(k, who);
  }

  /** Slots nobody holds. */
  get free(): number {
    let n = 0;
    for (let k = 0; k < this.count; k++) if (this.holds[k] === 0) n++;
    return n;
  }
}
