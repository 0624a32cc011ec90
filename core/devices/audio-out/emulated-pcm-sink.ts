import type { Clock, TimerHandle } from '../../scheduler/clock';
import { matchAudioDevice, type AudioDeviceInfo } from './match-audio-device';
import type { PcmSink, SharedPcmPort } from './pcm-sink';
import { CardClockThread } from './card-clock-thread';
import { epochNow, SharedPcmRing } from './shared-pcm-ring';

/** How often a shared card's recording is collected from its clock thread, ms (its tape holds about 2.7 s). */
const TAPE_COLLECT_MS = 200;
/** The tape's first size, seconds: it is allocated on the first sample kept and doubles as needed. */
const TAPE_START_SECONDS = 10;

/** The devices the emulated machine offers, named as PortAudio names ALSA devices. */
export const EMULATED_AUDIO_DEVICES: readonly AudioDeviceInfo[] = [
  { id: 0, name: 'emulated-pcm5102a: PCM5102A HiFi pcm5102a-hifi-0 (hw:0,0)', maxOutputChannels: 2 },
  { id: 1, name: 'default', maxOutputChannels: 2 },
];

export interface EmulatedPcmSinkOptions {
  readonly clock: Clock;
  readonly rate: number;
  readonly channels: number;
  /** Name substring, matched against `devices`. */
  readonly device: string;
  readonly devices?: readonly AudioDeviceInfo[];
  /**
   * `paced` (default): consumes `periodFrames` every period on the clock, like a sound card; runs as
   * fast as the clock does (a VirtualClock runs it faster than real time). `unpaced`: takes
   * everything at once and never runs dry.
   */
  readonly pacing?: 'paced' | 'unpaced';
  /** Buffer size in ms, rounded up to whole periods (the rack's `latencyMs`). Default 30. */
  readonly bufferMs?: number;
  readonly periodFrames?: number;
  /**
   * Keep everything received for `recorded()` (default true: a test or a replay reads it). A host
   * that only plays (`neurorack start`) turns it off with `setRecording(false)`, or the tape grows
   * by the whole output (about 23 MB a minute at 48 kHz stereo).
   */
  readonly record?: boolean;
}

/**
 * An emulated sound card: a ring buffer of `bufferMs` (in shared memory) drained one period at a
 * time on the Clock. The write that fills half its buffer starts it (ALSA's start threshold:
 * without a cushion a writer at exactly the device rate starves it); a period not written by its
 * due time is an underrun and stops it (as ALSA's XRUN state does) until writes fill it up again.
 * The card's time runs from its start, as a DMA engine's does (SharedPcmRing): room frees at each
 * period's due time, and whoever plays the periods being late does not make the writer late.
 *
 * `share()` hands the writing end to another thread (the audio worker writes the card directly, as
 * a driver writing a DMA buffer does): from then on `write()` here refuses, the card's periods are
 * played by a thread of its own (on the epoch's time, which every thread shares), and it records
 * what it plays.
 *
 * Test controls: `recorded()` (everything received, interleaved at the device rate),
 * `recordedChannel(c)`, `disconnect()` / `reconnect()` (the card disappears and comes back),
 * `freezeClockThread(ms)` (a shared card's thread stops a while; the card's time does not),
 * `playedFrames`, `running`, `tapeSamples`. It keeps what it receives until `setRecording(false)`:
 * a host that only plays turns that off at boot (`HostOptions.recordAudio`); a recording streamed
 * to disk takes it as it comes with `recordInto(sink)`, so the card holds no tape.
 */
export class EmulatedPcmSink implements PcmSink {
  readonly binding = 'emulated' as const;
  readonly rate: number;
  readonly channels: number;
  readonly deviceQuery: string;
  private name: string | undefined;
  private readonly capacity: number;
  private readonly startThreshold: number;
  private readonly period: number;
  private ring: SharedPcmRing;
  private timer: TimerHandle | undefined;
  /** Once shared: the card's clock, in a thread of its own. */
  private clockThread: CardClockThread | undefined;
  /** Once shared and while recording: collects what the card played into the recording. */
  private collector: TimerHandle | undefined;
  private readonly collect = (): void => {
    this.collectTape();
    this.collector = this.options.clock.setTimer(this.collect, TAPE_COLLECT_MS);
  };
  private opened = false;
  private _played = 0;
  /** Allocated on the first sample kept: a card that never records holds no tape. */
  private tape = new Float32Array(0);
  private taped = 0;
  private recording = true;
  /** Where kept samples go instead of the tape (see `recordInto`). */
  private sink: ((samples: Float32Array, count: number) => void) | undefined;
  private readonly tick = (): void => this.consumePeriod();

  constructor(private readonly options: EmulatedPcmSinkOptions) {
    this.rate = options.rate;
    this.channels = options.channels;
    this.deviceQuery = options.device;
    this.period = options.periodFrames ?? 256;
    const periods = Math.max(2, Math.ceil(((options.bufferMs ?? 30) * this.rate) / 1000 / this.period));
    this.capacity = periods * this.period;
    this.startThreshold = Math.floor(this.capacity / 2);
    // On this thread the card keeps the Clock's time; shared, the epoch's (every thread's).
    this.ring = new SharedPcmRing(SharedPcmRing.allocate(this.capacity, this.channels, this.rate, this.period, this.startThreshold), () => options.clock.now());
  }

  get deviceName(): string | undefined {
    return this.name;
  }

  /**
   * The clock thread's health once shared (undefined before): whether it has started, whether it
   * got its raised priority, and the most it played a period after the period's due time, in ms.
   */
  get clockThreadHealth(): { readonly alive: boolean; readonly raisedPriority: boolean; readonly latestPeriodMs: number } | undefined {
    return this.clockThread;
  }

  get underruns(): number {
    return this.ring.underruns;
  }

  private get shared(): boolean {
    return this.clockThread !== undefined;
  }

  /** Test control: frames written and not yet played (on the card's time, as a DMA pointer counts them). */
  get bufferedFrames(): number {
    return this.ring.buffered;
  }

  /** Test control: the buffer's size in frames (whole periods). */
  get bufferFrames(): number {
    return this.capacity;
  }

  /** Frames the card has played (drained from its buffer). */
  get playedFrames(): number {
    return this.clockThread ? this.clockThread.playedFrames : this._played;
  }

  /** Whether the card is playing (started and not stopped by an underrun). */
  get running(): boolean {
    return this.ring.running;
  }

  async open(): Promise<void> {
    this.name = matchAudioDevice(this.options.devices ?? EMULATED_AUDIO_DEVICES, this.deviceQuery).name;
    this.opened = true;
  }

  writableFrames(): number {
    if (!this.opened || !this.ring.present || this.shared) return 0;
    return this.paced ? this.ring.space : Number.MAX_SAFE_INTEGER;
  }

  write(interleaved: Float32Array, frames: number): boolean {
    if (!this.opened || !this.ring.present || this.shared || frames > this.writableFrames()) return false;
    this.keep(interleaved, frames * this.channels);
    if (!this.paced) {
      this._played += frames;
      return true;
    }
    this.ring.write(interleaved, frames);
    if (!this.timer) this.armTick();
    return true;
  }

  /**
   * Hands the card's buffer to a writer on another thread (see the class note). Only a paced card
   * that is open can be shared, once.
   */
  share(): SharedPcmPort | undefined {
    if (!this.opened || !this.paced || this.shared || !this.options.clock.real) return undefined;
    this.stop();
    // Its time was this thread's Clock; it starts again on the epoch's once its thread runs.
    this.ring.arm(false);
    this.ring.halt();
    this.ring = new SharedPcmRing(this.ring.memory, epochNow);
    this.clockThread = new CardClockThread(this.ring.memory, { recording: this.keeping });
    if (this.keeping) this.collect();
    return { ring: this.ring.memory, binding: this.binding, deviceName: this.name ?? this.deviceQuery, deviceQuery: this.deviceQuery };
  }

  condition(): { present: boolean; detail: string } {
    return this.ring.present
      ? { present: true, detail: `${this.name ?? this.deviceQuery}, ${this.rate} Hz, ${this.capacity} frames buffer` }
      : { present: false, detail: `${this.name ?? this.deviceQuery} disappeared (emulated fault)` };
  }

  async close(): Promise<void> {
    this.stop();
    if (this.clockThread) {
      await this.clockThread.stop();
      this.collectTape();
      this.playOut();
      this.stopCollector();
    }
    this.opened = false;
  }

  /** Test control: the card disappears (unplugged, driver crash): playback stops, writes are refused. */
  disconnect(): void {
    this.ring.present = false;
    this.stop();
    this.ring.halt();
    this.ring.play(this.ring.fill);
  }

  /**
   * Test control: the shared card's clock thread stops for `ms` once (a core busy elsewhere, a
   * thread descheduled); the card keeps its time regardless, as a DMA engine does. Nothing before
   * the card is shared.
   */
  freezeClockThread(ms: number): void {
    this.clockThread?.freeze(ms);
  }

  /** Test control: the card comes back. */
  reconnect(): void {
    this.ring.present = true;
  }

  /** Test control: everything received, interleaved, at the device rate (a copy). */
  recorded(): Float32Array {
    this.collectTape();
    return this.tape.slice(0, this.taped);
  }

  /**
   * Stops (or resumes) keeping what is received: a host that only plays, or a long run that only
   * needs metrics, keeps nothing (and, once shared, collects nothing).
   */
  setRecording(on: boolean): void {
    this.recording = on;
    this.clockThread?.setRecording(this.keeping);
    if (!this.clockThread) return;
    if (this.keeping && !this.collector) this.collect();
    if (!this.keeping && this.collector) {
      this.collectTape();
      this.stopCollector();
    }
  }

  /**
   * Hands what is kept from now on to `sink` as it is collected (as written on this thread, or
   * every TAPE_COLLECT_MS from a shared card's clock thread, and what is still queued at close)
   * instead of putting it on the tape, so a long take is never held here; `undefined` returns to
   * the tape. What was kept before stays on the tape. `sink` gets interleaved samples in an array
   * that is reused: it copies what it keeps.
   */
  recordInto(sink: ((samples: Float32Array, count: number) => void) | undefined): void {
    this.collectTape();
    this.sink = sink;
  }

  /** Whether what the card receives is kept now. */
  get keeping(): boolean {
    return this.options.record !== false && this.recording;
  }

  /** Test control: the recording's memory, in samples (0 until something is kept). */
  get tapeSamples(): number {
    return this.tape.length;
  }

  /** Test control: how many frames have been received so far (an index into `recorded()` / channels). */
  recordedFrames(): number {
    this.collectTape();
    return this.taped / this.channels;
  }

  /** Test control: one channel of what was received. */
  recordedChannel(channel = 0): Float32Array {
    this.collectTape();
    const frames = this.taped / this.channels;
    const out = new Float32Array(frames);
    for (let i = 0; i < frames; i++) out[i] = this.tape[i * this.channels + channel]!;
    return out;
  }

  private stopCollector(): void {
    if (this.collector) this.options.clock.clearTimer(this.collector);
    this.collector = undefined;
  }

  private get paced(): boolean {
    return (this.options.pacing ?? 'paced') === 'paced';
  }

  private stop(): void {
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** Plays the periods due (the ring keeps the card's time from its start, whatever the timer's jitter). */
  private consumePeriod(): void {
    this.timer = undefined;
    for (let take = this.ring.playDue(); take >= 0; take = this.ring.playDue()) this._played += take;
    this.ring.startIfFilled(); // an underrun may have left it holding its threshold already
    this.armTick();
  }

  /** Sets the Clock's timer for the running card's next period. */
  private armTick(): void {
    if (this.ring.running) this.timer = this.options.clock.setTimer(this.tick, this.ring.nextDueAt() - this.options.clock.now());
  }

  /** Moves what a shared card's clock thread played into the recording. */
  private collectTape(): void {
    this.clockThread?.collect(this.keepPlayed);
  }

  private readonly keepPlayed = (samples: Float32Array, count: number): void => this.keep(samples, count);

  /** A shared card being closed plays what is still queued onto the recording. */
  private playOut(): void {
    const frames = this.ring.fill;
    if (!this.keeping) {
      this.ring.play(frames);
      return;
    }
    if (this.sink) {
      const rest = new Float32Array(frames * this.channels);
      this.sink(rest, this.ring.play(frames, rest, 0) * this.channels);
      return;
    }
    this.room(frames * this.channels);
    this.taped += this.ring.play(frames, this.tape, this.taped) * this.channels;
  }

  /** Grows the tape by doubling (rarely: it starts at 10 s) until `count` more samples fit. */
  private room(count: number): void {
    if (this.taped + count <= this.tape.length) return;
    const grown = new Float32Array(Math.max(this.tape.length * 2, this.rate * this.channels * TAPE_START_SECONDS, this.taped + count));
    grown.set(this.tape.subarray(0, this.taped));
    this.tape = grown;
  }

  /** Keeps what was written (a card written on this thread). */
  private keep(samples: Float32Array, count: number): void {
    if (!this.keeping) return;
    if (this.sink) {
      this.sink(samples, count);
      return;
    }
    this.room(count);
    for (let i = 0; i < count; i++) this.tape[this.taped + i] = samples[i]!;
    this.taped += count;
  }
}
