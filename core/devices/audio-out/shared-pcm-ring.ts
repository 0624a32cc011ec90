/** Counters (Int32Array over `SharedPcmRingMemory.counters`). */
const WRITE_AT = 0; // the writer's frame index in the samples (only the writer moves it)
const READ_AT = 1; // the card's frame index in the samples (only the card moves it)
const PRESENT = 2; // 1 while the card is there (an emulated fault clears it)
const WAKE = 3; // bumped (and notified) whenever the writer should look again
const RUNNING = 4; // 1 while the card plays (2 while one side starts it); cleared by an underrun or a halt
const WRITTEN = 5; // frames ever written, modulo 2^32 (only the writer moves it, once they are copied)
const PLAYED = 6; // frames ever played, modulo 2^32 (only the card moves it)
const STARTED_FRAME = 7; // PLAYED when the card started
const LOG_HEAD = 8; // writes logged so far (only the writer moves it)
const UNDERRUNS = 9;
const ARMED = 10; // 1 once whatever plays the periods is there (a card's thread that has started)
const COUNTERS = 11;
/** Float64 words (`SharedPcmRingMemory.times`), in the ring's time base: when the card started, when the writer last woke and last went to sleep, and when it meant to wake from that sleep at the latest. */
const STARTED_AT = 0;
const WRITER_AWAKE_AT = 1;
const WRITER_ASLEEP_AT = 2;
const WRITER_WAKE_BY = 3;
const TIMES = 4;

/** Underruns the card keeps the circumstances of (the latest ones), and the Float64 fields of each. */
export const UNDERRUN_RECORDS_KEPT = 16;
const UNDERRUN_FIELDS = 6; // due at, found at, the writer's last write before it, its last wake, its last sleep, that sleep's latest wake

/** The writes the card can look back on to tell when a frame was written: a few seconds of blocks. */
const WRITE_LOG = 1024;
/** What the buffer holds beyond its size, so that the writer can follow the card's time while the card's own thread is late. */
const SLACK_SECONDS = 0.5;

/** The shared memory of a {@link SharedPcmRing}: handed to another thread once, by message. */
export interface SharedPcmRingMemory {
  readonly samples: SharedArrayBuffer;
  readonly counters: SharedArrayBuffer;
  readonly times: SharedArrayBuffer;
  readonly logEnd: SharedArrayBuffer;
  readonly logAt: SharedArrayBuffer;
  /** The latest underruns' circumstances (see `underrunRecords`). */
  readonly underrunLog: SharedArrayBuffer;
  /** The card's buffer, frames (whole periods): what the writer may have written and not played. */
  readonly capacity: number;
  /** Frames the samples hold: the buffer and the slack. */
  readonly physical: number;
  readonly periodFrames: number;
  /** The writer's fill that starts a stopped card (ALSA's start threshold). */
  readonly startThreshold: number;
  readonly channels: number;
  readonly rate: number;
}

/**
 * One underrun as the card saw it, to tell whose it was. Times are the ring's time base, ms. The
 * writer's last wake and last sleep say what it was doing at the due time: asleep (its wake came
 * too late: its timer, its core held, or the machine stopped, which a probe outside the process
 * tells apart), or in a wake begun well before, without writing (busy in it, or held off its core
 * mid-way). A stamp later than the due time hides the one before it. A card's thread as late as
 * the writer says both were held (the process, or the CPU they were on) (bench/underrun-lines.ts words each case).
 */
export interface UnderrunRecord {
  /** When the period that found too little written was due. */
  readonly dueAt: number;
  /** How long after the due time the card's thread played that period (its own lateness). */
  readonly cardLateMs: number;
  /** How long before the due time the writer last wrote (null: the log holds no write before it). */
  readonly writerSilentMs: number | null;
  /** How long before the due time the writer last woke (negative: it woke only after; null: it never said, see `writerAwake`). */
  readonly writerAwakeMs: number | null;
  /** How long before the due time the writer last went to sleep (as writerAwakeMs; see `writerAsleep`). */
  readonly writerAsleepMs: number | null;
  /** How long before the due time the writer meant to wake from that sleep at the latest (as writerAwakeMs; null: it did not say). */
  readonly writerWakeByMs: number | null;
}

/** Milliseconds since the epoch with sub-millisecond precision: the same time base in every thread. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * A sound card's buffer in shared memory, and the card's hardware pointer: interleaved frames
 * written by one thread (the audio driver, wherever it runs) and played by the card, one period at
 * each period's due time from the moment it started. Single producer, single consumer: the writer
 * copies the frames before publishing them in the fill count, the card reads them before releasing
 * them; each side owns its own index.
 *
 * The card's time is the card's, not its thread's. As a DMA engine does, it frees a period's room
 * at the period's due time whether or not the thread that stands for it has run yet: the writer
 * sees that room (`space`) and may fill it, up to the slack the samples keep beyond the buffer.
 * And a period underruns when it had not been written by its due time (the write log says when
 * each frame was), not when the card's thread, woken late, finds the writer behind. So a thread of
 * the emulation woken late (a busy or descheduled core) neither starves the writer nor counts an
 * underrun the card would not have had; a writer late is one, however late the card looks.
 *
 * `wake` is a word the writer can sleep on (`Atomics.wait`): the card bumps it each time it frees
 * room, and anyone else who wants the writer to look again (a trigger) may bump it too; a writer
 * that sleeps no longer than `msUntilNextPeriod()` does not depend on the card's thread to wake it.
 *
 * Times are the ring's time base (`now`, by default {@link epochNow}: shared by every thread);
 * a card and its writer on one thread may use their Clock's.
 *
 * Realtime-safe: `write`, `playDue`, `play` and `bump` copy sample by sample and allocate nothing.
 */
export class SharedPcmRing {
  readonly capacity: number;
  readonly channels: number;
  readonly rate: number;
  readonly periodFrames: number;
  readonly periodMs: number;
  /** The counters, for `Atomics.wait(counters, SharedPcmRing.WAKE, seen)`. */
  readonly counters: Int32Array;
  private readonly physical: number;
  private readonly samples: Float32Array;
  private readonly times: Float64Array;
  private readonly logEnd: Int32Array;
  private readonly logAt: Float64Array;
  private readonly underrunLog: Float64Array;
  /** The card's place in the write log (the card side's own). */
  private logCursor = 0;

  static readonly WAKE = WAKE;

  static allocate(capacity: number, channels: number, rate: number, periodFrames: number, startThreshold: number): SharedPcmRingMemory {
    const counters = new SharedArrayBuffer(COUNTERS * 4);
    new Int32Array(counters)[PRESENT] = 1;
    new Int32Array(counters)[ARMED] = 1;
    const times = new SharedArrayBuffer(TIMES * 8);
    new Float64Array(times).fill(Number.NaN, WRITER_AWAKE_AT); // no writer has said it woke or slept
    const physical = capacity + Math.ceil((SLACK_SECONDS * rate) / periodFrames) * periodFrames;
    return {
      samples: new SharedArrayBuffer(physical * channels * 4),
      counters,
      times,
      logEnd: new SharedArrayBuffer(WRITE_LOG * 4),
      logAt: new SharedArrayBuffer(WRITE_LOG * 8),
      underrunLog: new SharedArrayBuffer(UNDERRUN_RECORDS_KEPT * UNDERRUN_FIELDS * 8),
      capacity, physical, periodFrames, startThreshold, channels, rate,
    };
  }

  constructor(
    readonly memory: SharedPcmRingMemory,
    private readonly now: () => number = epochNow,
  ) {
    this.capacity = memory.capacity;
    this.physical = memory.physical;
    this.channels = memory.channels;
    this.rate = memory.rate;
    this.periodFrames = memory.periodFrames;
    this.periodMs = (memory.periodFrames * 1000) / memory.rate;
    this.samples = new Float32Array(memory.samples);
    this.counters = new Int32Array(memory.counters);
    this.times = new Float64Array(memory.times);
    this.logEnd = new Int32Array(memory.logEnd);
    this.logAt = new Float64Array(memory.logAt);
    this.underrunLog = new Float64Array(memory.underrunLog);
  }

  /** Frames written and not yet played by the card's thread. */
  get fill(): number {
    return (Atomics.load(this.counters, WRITTEN) - Atomics.load(this.counters, PLAYED)) | 0;
  }

  /** Frames written and not yet played on the card's time (periods past their due time count as played, up to what was written). */
  get buffered(): number {
    return (Atomics.load(this.counters, WRITTEN) - this.consumed()) | 0;
  }

  /**
   * Frames the writer may write now: the buffer less what it holds that the card has not played by
   * now, within the slack. It never shrinks but by the writer's own writes (or an underrun): the
   * card's thread only ever plays what the card's time has already counted as played.
   */
  get space(): number {
    const written = Atomics.load(this.counters, WRITTEN);
    const room = this.capacity - ((written - this.consumed()) | 0);
    return Math.max(0, Math.min(room, this.physical - ((written - Atomics.load(this.counters, PLAYED)) | 0)));
  }

  get present(): boolean {
    return Atomics.load(this.counters, PRESENT) === 1;
  }

  set present(on: boolean) {
    Atomics.store(this.counters, PRESENT, on ? 1 : 0);
    this.bump();
  }

  /** Whether the card plays (started and not stopped by an underrun or a halt). */
  get running(): boolean {
    return Atomics.load(this.counters, RUNNING) === 1;
  }

  /** Periods that found too little written by their due time. */
  get underruns(): number {
    return Atomics.load(this.counters, UNDERRUNS);
  }

  /** When the card's next period falls due (Infinity while it does not play). */
  nextDueAt(): number {
    if (!this.running) return Infinity;
    const periods = ((Atomics.load(this.counters, PLAYED) - Atomics.load(this.counters, STARTED_FRAME)) | 0) / this.periodFrames;
    return this.times[STARTED_AT]! + (periods + 1) * this.periodMs;
  }

  /**
   * Writer side: how long until the card frees room again, ms: the next period boundary on the
   * card's time (Infinity while it does not play). A writer that sleeps no longer than this keeps
   * up with the card even when the card's own thread is late to wake it.
   */
  msUntilNextPeriod(): number {
    if (!this.running) return Infinity;
    const since = this.now() - this.times[STARTED_AT]!;
    return (Math.floor(since / this.periodMs) + 1) * this.periodMs - since;
  }

  /** Writer side: says the writer is awake now (each time it wakes, written or not), for `underrunRecords`. */
  writerAwake(): void {
    this.times[WRITER_AWAKE_AT] = this.now();
  }

  /**
   * Writer side: says the writer goes to sleep now (each time, before it waits), and for how long
   * at most (`forMs`, its wait's timeout), for `underrunRecords`: a writer that meant to wake before
   * a period was due and slept through it was held off its CPU.
   */
  writerAsleep(forMs = Number.NaN): void {
    const now = this.now();
    this.times[WRITER_ASLEEP_AT] = now;
    this.times[WRITER_WAKE_BY] = now + forMs;
  }

  /**
   * The writer is gone (its thread was stopped): it promises no wake any more, so an underrun
   * after it is never taken for a writer the system held asleep (heldAsleep). Called once the
   * writer's thread has ended, so nothing of it writes the stamp again.
   */
  writerGone(): void {
    this.times[WRITER_WAKE_BY] = Number.NaN;
  }

  /**
   * Writer side: copies all `frames` (interleaved) or none, and starts the card once the fill
   * reaches the start threshold.
   */
  write(interleaved: Float32Array, frames: number): boolean {
    if (frames > this.space) return false;
    const ch = this.channels;
    let at = Atomics.load(this.counters, WRITE_AT);
    for (let i = 0; i < frames; i++) {
      for (let c = 0; c < ch; c++) this.samples[at * ch + c] = interleaved[i * ch + c]!;
      if (++at === this.physical) at = 0;
    }
    Atomics.store(this.counters, WRITE_AT, at);
    const now = this.now();
    const written = (Atomics.load(this.counters, WRITTEN) + frames) | 0;
    const head = Atomics.load(this.counters, LOG_HEAD);
    this.logAt[head % WRITE_LOG] = now;
    Atomics.store(this.logEnd, head % WRITE_LOG, written);
    Atomics.store(this.counters, LOG_HEAD, (head + 1) | 0);
    Atomics.store(this.counters, WRITTEN, written);
    this.startIfFilled(now);
    return true;
  }

  /**
   * Card side: plays the next period if it is due now (copying it to `into` from `offset`, which
   * has room for a period). Returns the frames played, or -1 when no period is due. A period not
   * written by its due time is an underrun: the card plays what had been written by then and
   * stops (as ALSA's XRUN state does) until it holds its start threshold again (`startIfFilled`).
   */
  playDue(into?: Float32Array, offset = 0): number {
    const due = this.nextDueAt();
    if (due > this.now()) return -1;
    const period = this.periodFrames;
    const end = (Atomics.load(this.counters, PLAYED) + period) | 0;
    const writtenByDue = this.writtenBy(due);
    if (((writtenByDue - end) | 0) >= 0) return this.play(period, into, offset);
    const partial = Math.max(0, Math.min(period - 1, period + ((writtenByDue - end) | 0)));
    this.logUnderrun(due);
    Atomics.add(this.counters, UNDERRUNS, 1);
    Atomics.store(this.counters, RUNNING, 0);
    return this.play(partial, into, offset);
  }

  /**
   * The circumstances of the latest underruns (up to 16), oldest first: for the host's statistics
   * and the benchmarks, never the audio path (it allocates).
   */
  underrunRecords(): UnderrunRecord[] {
    const count = Atomics.load(this.counters, UNDERRUNS);
    const records: UnderrunRecord[] = [];
    for (let i = Math.max(0, count - UNDERRUN_RECORDS_KEPT); i < count; i++) {
      const at = (i % UNDERRUN_RECORDS_KEPT) * UNDERRUN_FIELDS;
      const [dueAt, foundAt, wroteAt, awakeAt, asleepAt, wakeBy] = [0, 1, 2, 3, 4, 5].map((f) => this.underrunLog[at + f]!) as [number, number, number, number, number, number];
      const before = (t: number): number | null => (Number.isNaN(t) ? null : dueAt - t);
      records.push({ dueAt, cardLateMs: foundAt - dueAt, writerSilentMs: before(wroteAt), writerAwakeMs: before(awakeAt), writerAsleepMs: before(asleepAt), writerWakeByMs: before(wakeBy) });
    }
    return records;
  }

  /** Card side: notes an underrun's circumstances before it is counted (a reader that sees the count sees them). */
  private logUnderrun(due: number): void {
    const at = (Atomics.load(this.counters, UNDERRUNS) % UNDERRUN_RECORDS_KEPT) * UNDERRUN_FIELDS;
    this.underrunLog[at] = due;
    this.underrunLog[at + 1] = this.now();
    this.underrunLog[at + 2] = this.lastWriteBy(due);
    this.underrunLog[at + 3] = this.times[WRITER_AWAKE_AT]!;
    this.underrunLog[at + 4] = this.times[WRITER_ASLEEP_AT]!;
    this.underrunLog[at + 5] = this.times[WRITER_WAKE_BY]!;
  }

  /** Stops the card without an underrun (a card handed to another time base, or gone). */
  halt(): void {
    Atomics.store(this.counters, RUNNING, 0);
    this.bump();
  }

  /**
   * Whether a write may start the card: a card handed to a thread of its own is disarmed until
   * that thread runs (its start takes 100-300 ms), so the card's time does not start before it.
   * Arming a card already filled past its threshold starts it.
   */
  arm(on: boolean): void {
    Atomics.store(this.counters, ARMED, on ? 1 : 0);
    this.startIfFilled();
  }

  /**
   * Card side: plays up to `frames` now (fewer when fewer are written), whatever their due time
   * (a card gone drops what it holds; one closed plays out the rest), and returns how many it
   * played, waking the writer. With `into`, the played samples are copied there from `offset`.
   */
  play(frames: number, into?: Float32Array, offset = 0): number {
    const take = Math.min(this.fill, frames);
    let at = Atomics.load(this.counters, READ_AT);
    if (into) {
      const ch = this.channels;
      for (let i = 0, k = at; i < take; i++) {
        for (let c = 0; c < ch; c++) into[offset + i * ch + c] = this.samples[k * ch + c]!;
        if (++k === this.physical) k = 0;
      }
    }
    at = (at + take) % this.physical;
    Atomics.store(this.counters, READ_AT, at);
    Atomics.store(this.counters, PLAYED, (Atomics.load(this.counters, PLAYED) + take) | 0);
    this.bump();
    return take;
  }

  /** Wakes a writer sleeping on the `wake` word. */
  bump(): void {
    Atomics.add(this.counters, WAKE, 1);
    Atomics.notify(this.counters, WAKE);
  }

  /**
   * Starts a stopped card whose fill reached the start threshold, its time counting from `now`.
   * The writer's write does it, and so must whatever plays the periods when it finds the card
   * stopped: an underrun can leave it holding more than its buffer (frames the writer put in the
   * room the card's time had freed, too late), and a writer never writes into a full buffer.
   */
  startIfFilled(now = this.now()): void {
    if (Atomics.load(this.counters, ARMED) !== 1) return;
    if (this.running || !this.present || this.fill < this.memory.startThreshold) return;
    // The writer and the card's thread may both try: one starts it, with one start time.
    if (Atomics.compareExchange(this.counters, RUNNING, 0, 2) !== 0) return;
    this.times[STARTED_AT] = now;
    Atomics.store(this.counters, STARTED_FRAME, Atomics.load(this.counters, PLAYED));
    Atomics.store(this.counters, RUNNING, 1);
  }

  /**
   * Frames played on the card's time (modulo 2^32): those its thread has played, or, while it runs,
   * every period past its due time, up to what was written.
   */
  private consumed(): number {
    const played = Atomics.load(this.counters, PLAYED);
    if (!this.running) return played;
    const periods = Math.floor((this.now() - this.times[STARTED_AT]!) / this.periodMs);
    const byTime = (Atomics.load(this.counters, STARTED_FRAME) + periods * this.periodFrames) | 0;
    const written = Atomics.load(this.counters, WRITTEN);
    const due = ((byTime - written) | 0) > 0 ? written : byTime;
    return ((due - played) | 0) > 0 ? due : played;
  }

  /** When the writer last wrote at or before `t` (after `writtenBy(t)`, which leaves the cursor there), NaN when the log holds none. */
  private lastWriteBy(t: number): number {
    const head = Atomics.load(this.counters, LOG_HEAD);
    if (((head - this.logCursor) | 0) <= 0) return Number.NaN;
    const at = this.logAt[((this.logCursor % WRITE_LOG) + WRITE_LOG) % WRITE_LOG]!;
    return at <= t ? at : Number.NaN;
  }

  /**
   * How many frames (modulo 2^32) had been written by time `t`, from the write log. Writes the
   * log no longer holds (the card's thread more than a thousand writes behind) count as late.
   */
  private writtenBy(t: number): number {
    const head = Atomics.load(this.counters, LOG_HEAD);
    if (((head - this.logCursor) | 0) > WRITE_LOG) this.logCursor = (head - WRITE_LOG) | 0;
    let written = Atomics.load(this.counters, PLAYED);
    // The cursor stays on the last write found by an earlier due time: due times only grow.
    for (let i = this.logCursor; ((head - i) | 0) > 0; i = (i + 1) | 0) {
      const slot = ((i % WRITE_LOG) + WRITE_LOG) % WRITE_LOG;
      if (this.logAt[slot]! > t) break;
      const end = Atomics.load(this.logEnd, slot);
      if (((end - written) | 0) > 0) written = end;
      this.logCursor = i;
    }
    return written;
  }
}
