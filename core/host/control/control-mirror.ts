import type { CvScan } from '../../devices/cv-adc/cv-adc';

/** Float64 slots before the jacks: playhead, last render time, scan time. */
const HEAD = 3;
/** Float64 slots per jack: volts, sample time, fresh. */
const PER_JACK = 3;
/** Bytes before the float64s: the sequence word (odd while the writer writes) and padding. */
const SEQ_BYTES = 8;

/**
 * What the control thread publishes for the main thread to read at any time without a message:
 * the latest CV scan, the gate levels, the playhead and the last render's time. Shared memory
 * behind a sequence lock: the writer (one thread) makes the sequence odd while it writes; a reader
 * retries a read that overlapped a write. Readers never block the writer.
 */
export class ControlMirror {
  readonly memory: SharedArrayBuffer;
  private readonly seq: Int32Array;
  private readonly f: Float64Array;

  constructor(private readonly jacks: readonly number[], private readonly gates: readonly number[], memory?: SharedArrayBuffer) {
    this.memory = memory ?? new SharedArrayBuffer(SEQ_BYTES + 8 * (HEAD + PER_JACK * jacks.length + gates.length));
    this.seq = new Int32Array(this.memory, 0, 1);
    this.f = new Float64Array(this.memory, SEQ_BYTES);
    if (this.f.length < HEAD + PER_JACK * jacks.length + gates.length) throw new RangeError('control mirror memory too small for these jacks');
    if (!memory) this.f[0] = -1;
  }

  // ---- the control thread ----

  publishScan(scan: CvScan): void {
    this.begin();
    this.f[2] = scan.timeMs;
    for (let i = 0; i < this.jacks.length; i++) {
      const r = scan.jacks[i];
      if (!r) continue;
      const o = HEAD + PER_JACK * i;
      this.f[o] = r.volts;
      this.f[o + 1] = r.timeMs;
      this.f[o + 2] = r.fresh ? 1 : 0;
    }
    this.end();
  }

  publishGate(jack: number, high: boolean): void {
    const i = this.gates.indexOf(jack);
    if (i < 0) return;
    this.begin();
    this.f[HEAD + PER_JACK * this.jacks.length + i] = high ? 1 : 0;
    this.end();
  }

  publishEngine(playhead: number, lastRenderMs: number): void {
    this.begin();
    this.f[0] = playhead;
    this.f[1] = lastRenderMs;
    this.end();
  }

  // ---- any thread ----

  /** The latest scan (taps are not mirrored). */
  latest(): CvScan {
    return this.read(() => ({
      timeMs: this.f[2]!,
      jacks: this.jacks.map((jack, i) => {
        const o = HEAD + PER_JACK * i;
        return { jack, volts: this.f[o]!, timeMs: this.f[o + 1]!, fresh: this.f[o + 2] === 1 };
      }),
      taps: [],
    }));
  }

  isHigh(jack: number): boolean {
    const i = this.gates.indexOf(jack);
    return i >= 0 && this.read(() => this.f[HEAD + PER_JACK * this.jacks.length + i] === 1);
  }

  get playhead(): number {
    return this.read(() => this.f[0]!);
  }

  get lastRenderMs(): number {
    return this.read(() => this.f[1]!);
  }

  private begin(): void {
    Atomics.add(this.seq, 0, 1);
  }

  private end(): void {
    Atomics.add(this.seq, 0, 1);
  }

  /** A consistent read: retried while it overlapped a write (a few times; the writer is never waited for longer). */
  private read<T>(get: () => T): T {
    for (let tries = 0; ; tries++) {
      const before = Atomics.load(this.seq, 0);
      const value = get();
      if ((before & 1) === 0 && Atomics.load(this.seq, 0) === before) return value;
      if (tries >= 100) return value;
    }
  }
}
