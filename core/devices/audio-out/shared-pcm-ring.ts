/** Counters (Int32Array over `SharedPcmRingMemory.counters`). */
const FILL = 0; // frames written and not yet played
const WRITE_AT = 1; // the writer's frame index (only the writer moves it)
const READ_AT = 2; // the card's frame index (only the card moves it)
const PRESENT = 3; // 1 while the card is there (an emulated fault clears it)
const WAKE = 4; // bumped (and notified) whenever the writer should look again
const COUNTERS = 5;

/** The shared memory of a {@link SharedPcmRing}: handed to another thread once, by message. */
export interface SharedPcmRingMemory {
  readonly samples: SharedArrayBuffer;
  readonly counters: SharedArrayBuffer;
  readonly capacity: number;
  readonly channels: number;
  readonly rate: number;
}

/**
 * A sound card's buffer in shared memory: interleaved frames written by one thread (the audio
 * driver, wherever it runs) and played by the card (another). Single producer, single consumer:
 * the writer copies the frames before publishing them in the fill count, the card reads them
 * before releasing them; each side owns its own index.
 *
 * `wake` is a word the writer can sleep on (`Atomics.wait`): the card bumps it each time it frees
 * room, and anyone else who wants the writer to look again (a trigger) may bump it too.
 *
 * Realtime-safe: `write`, `play` and `bump` copy sample by sample and allocate nothing.
 */
export class SharedPcmRing {
  readonly capacity: number;
  readonly channels: number;
  readonly rate: number;
  /** The counters, for `Atomics.wait(counters, SharedPcmRing.WAKE, seen)`. */
  readonly counters: Int32Array;
  private readonly samples: Float32Array;

  static readonly WAKE = WAKE;

  static allocate(capacity: number, channels: number, rate: number): SharedPcmRingMemory {
    const counters = new SharedArrayBuffer(COUNTERS * 4);
    new Int32Array(counters)[PRESENT] = 1;
    return { samples: new SharedArrayBuffer(capacity * channels * 4), counters, capacity, channels, rate };
  }

  constructor(readonly memory: SharedPcmRingMemory) {
    this.capacity = memory.capacity;
    this.channels = memory.channels;
    this.rate = memory.rate;
    this.samples = new Float32Array(memory.samples);
    this.counters = new Int32Array(memory.counters);
  }

  /** Frames written and not yet played. */
  get fill(): number {
    return Atomics.load(this.counters, FILL);
  }

  /** Frames the writer may write now. */
  get space(): number {
    return this.capacity - this.fill;
  }

  get present(): boolean {
    return Atomics.load(this.counters, PRESENT) === 1;
  }

  set present(on: boolean) {
    Atomics.store(this.counters, PRESENT, on ? 1 : 0);
    this.bump();
  }

  /** Writer side: copies all `frames` (interleaved) or none. */
  write(interleaved: Float32Array, frames: number): boolean {
    if (frames > this.space) return false;
    const ch = this.channels;
    let at = Atomics.load(this.counters, WRITE_AT);
    for (let i = 0; i < frames; i++) {
      for (let c = 0; c < ch; c++) this.samples[at * ch + c] = interleaved[i * ch + c]!;
      if (++at === this.capacity) at = 0;
    }
    Atomics.store(this.counters, WRITE_AT, at);
    Atomics.add(this.counters, FILL, frames);
    return true;
  }

  /**
   * Card side: plays up to `frames` (fewer when fewer are written) and returns how many it played,
   * waking the writer. With `into`, the played samples are copied there from `offset` (the caller
   * makes room for `frames * channels`).
   */
  play(frames: number, into?: Float32Array, offset = 0): number {
    const take = Math.min(this.fill, frames);
    let at = Atomics.load(this.counters, READ_AT);
    if (into) {
      const ch = this.channels;
      for (let i = 0, k = at; i < take; i++) {
        for (let c = 0; c < ch; c++) into[offset + i * ch + c] = this.samples[k * ch + c]!;
        if (++k === this.capacity) k = 0;
      }
    }
    at = (at + take) % this.capacity;
    Atomics.store(this.counters, READ_AT, at);
    Atomics.sub(this.counters, FILL, take);
    this.bump();
    return take;
  }

  /** Wakes a writer sleeping on the `wake` word. */
  bump(): void {
    Atomics.add(this.counters, WAKE, 1);
    Atomics.notify(this.counters, WAKE);
  }
}
