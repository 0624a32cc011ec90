const WRITE = 0;
const READ = 1;

/**
 * A lock-free single-producer single-consumer ring of float32 values in a SharedArrayBuffer, for
 * crossing between the control thread and the audio worker. Counters run freely (wrapping at
 * 2^32) and the capacity is a power of two, so an index is `counter & mask`. The producer writes
 * the data before publishing the write counter (Atomics.store is sequentially consistent), the
 * consumer reads the data before publishing the read counter.
 *
 * Realtime-safe: push and pop copy element by element and allocate nothing.
 */
export class SpscRing {
  readonly capacity: number;
  private readonly mask: number;
  readonly header: Int32Array;
  private readonly data: Float32Array;

  /** Shared memory for a ring of `capacity` values (rounded up to a power of two). */
  static allocate(capacity: number): SharedArrayBuffer {
    let cap = 1;
    while (cap < capacity) cap *= 2;
    return new SharedArrayBuffer(8 + cap * 4);
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.capacity = (buffer.byteLength - 8) / 4;
    if (!Number.isInteger(this.capacity) || this.capacity < 1 || (this.capacity & (this.capacity - 1)) !== 0) {
      throw new RangeError(`ring buffer capacity ${this.capacity} is not a power of two`);
    }
    this.mask = this.capacity - 1;
    this.header = new Int32Array(buffer, 0, 2);
    this.data = new Float32Array(buffer, 8, this.capacity);
  }

  /** Values ready to pop. */
  availableRead(): number {
    return (Atomics.load(this.header, WRITE) - Atomics.load(this.header, READ)) >>> 0;
  }

  availableWrite(): number {
    return this.capacity - this.availableRead();
  }

  /** Appends `count` values of `src` from `offset`, all or nothing. Producer side only. */
  push(src: ArrayLike<number>, offset = 0, count = src.length - offset): boolean {
    if (count > this.availableWrite()) return false;
    const w = Atomics.load(this.header, WRITE);
    for (let i = 0; i < count; i++) this.data[(w + i) & this.mask] = src[offset + i]!;
    Atomics.store(this.header, WRITE, (w + count) | 0);
    Atomics.notify(this.header, WRITE);
    return true;
  }

  /** Takes `count` values into `dst` from `offset`, all or nothing. Consumer side only. */
  pop(dst: Float32Array | Float64Array, offset = 0, count = dst.length - offset): boolean {
    if (count > this.availableRead()) return false;
    const r = Atomics.load(this.header, READ);
    for (let i = 0; i < count; i++) dst[offset + i] = this.data[(r + i) & this.mask]!;
    Atomics.store(this.header, READ, (r + count) | 0);
    Atomics.notify(this.header, READ);
    return true;
  }

  /** Test hook: starts both counters at `n` (to exercise counter wrap-around). */
  resetCounters(n: number): void {
    Atomics.store(this.header, WRITE, n | 0);
    Atomics.store(this.header, READ, n | 0);
  }
}
