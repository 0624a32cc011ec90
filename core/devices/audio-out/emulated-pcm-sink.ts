import type { Clock, TimerHandle } from '../../scheduler/clock';
import { matchAudioDevice, type AudioDeviceInfo } from './match-audio-device';
import type { PcmSink } from './pcm-sink';

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
  /** Keep everything received for `recorded()` (default true). */
  readonly record?: boolean;
}

/**
 * An emulated sound card: a ring buffer of `bufferMs` drained one period at a time on the Clock.
 * It starts once half its buffer is filled (ALSA's start threshold: without a cushion a writer at
 * exactly the device rate starves it); when a period finds less than a period's worth buffered it
 * counts an underrun and stops (as ALSA's XRUN state does) until writes fill it up again.
 *
 * Test controls: `recorded()` (everything received, interleaved at the device rate),
 * `recordedChannel(c)`, `disconnect()` / `reconnect()` (the card disappears and comes back),
 * `playedFrames`, `running`.
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
  private readonly ring: Float32Array;
  private readPos = 0;
  private fill = 0;
  private timer: TimerHandle | undefined;
  private nextDue = 0;
  private present = true;
  private opened = false;
  private _underruns = 0;
  private _played = 0;
  private tape: Float32Array;
  private taped = 0;
  private recording = true;
  private readonly tick = (): void => this.consumePeriod();

  constructor(private readonly options: EmulatedPcmSinkOptions) {
    this.rate = options.rate;
    this.channels = options.channels;
    this.deviceQuery = options.device;
    this.period = options.periodFrames ?? 256;
    const periods = Math.max(2, Math.ceil(((options.bufferMs ?? 30) * this.rate) / 1000 / this.period));
    this.capacity = periods * this.period;
    this.startThreshold = Math.floor(this.capacity / 2);
    this.ring = new Float32Array(this.capacity * this.channels);
    this.tape = new Float32Array(options.record === false ? 0 : this.rate * this.channels * 10);
  }

  get deviceName(): string | undefined {
    return this.name;
  }

  get underruns(): number {
    return this._underruns;
  }

  /** Frames the card has played (drained from its buffer). */
  get playedFrames(): number {
    return this._played;
  }

  /** Whether the card is playing (started and not stopped by an underrun). */
  get running(): boolean {
    return this.timer !== undefined;
  }

  async open(): Promise<void> {
    this.name = matchAudioDevice(this.options.devices ?? EMULATED_AUDIO_DEVICES, this.deviceQuery).name;
    this.opened = true;
  }

  writableFrames(): number {
    if (!this.opened || !this.present) return 0;
    return this.paced ? this.capacity - this.fill : Number.MAX_SAFE_INTEGER;
  }

  write(interleaved: Float32Array, frames: number): boolean {
    if (!this.opened || !this.present || frames > this.writableFrames()) return false;
    const ch = this.channels;
    this.keep(interleaved, frames * ch);
    if (!this.paced) {
      this._played += frames;
      return true;
    }
    let writePos = (this.readPos + this.fill) % this.capacity;
    for (let i = 0; i < frames; i++) {
      for (let c = 0; c < ch; c++) this.ring[writePos * ch + c] = interleaved[i * ch + c]!;
      if (++writePos === this.capacity) writePos = 0;
    }
    this.fill += frames;
    if (!this.timer && this.fill >= this.startThreshold) this.start();
    return true;
  }

  condition(): { present: boolean; detail: string } {
    return this.present
      ? { present: true, detail: `${this.name ?? this.deviceQuery}, ${this.rate} Hz, ${this.capacity} frames buffer` }
      : { present: false, detail: `${this.name ?? this.deviceQuery} disappeared (emulated fault)` };
  }

  async close(): Promise<void> {
    this.stop();
    this.opened = false;
  }

  /** Test control: the card disappears (unplugged, driver crash): playback stops, writes are refused. */
  disconnect(): void {
    this.present = false;
    this.stop();
    this.fill = 0;
  }

  /** Test control: the card comes back. */
  reconnect(): void {
    this.present = true;
  }

  /** Test control: everything received, interleaved, at the device rate (a copy). */
  recorded(): Float32Array {
    return this.tape.slice(0, this.taped);
  }

  /** Test control: stop (or resume) keeping what is received, for long runs that only need metrics. */
  setRecording(on: boolean): void {
    this.recording = on;
  }

  /** Test control: how many frames have been received so far (an index into `recorded()` / channels). */
  recordedFrames(): number {
    return this.taped / this.channels;
  }

  /** Test control: one channel of what was received. */
  recordedChannel(channel = 0): Float32Array {
    const frames = this.taped / this.channels;
    const out = new Float32Array(frames);
    for (let i = 0; i < frames; i++) out[i] = this.tape[i * this.channels + channel]!;
    return out;
  }

  private get paced(): boolean {
    return (this.options.pacing ?? 'paced') === 'paced';
  }

  private start(): void {
    this.nextDue = this.options.clock.now() + this.periodMs();
    this.timer = this.options.clock.setTimer(this.tick, this.periodMs());
  }

  private stop(): void {
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private periodMs(): number {
    return (this.period * 1000) / this.rate;
  }

  private consumePeriod(): void {
    this.timer = undefined;
    const take = Math.min(this.fill, this.period);
    this.readPos = (this.readPos + take) % this.capacity;
    this.fill -= take;
    this._played += take;
    if (take < this.period) {
      this._underruns++;
      return;
    }
    // Due times accumulate from the start, so the card keeps its rate whatever the timer jitter.
    this.nextDue += this.periodMs();
    this.timer = this.options.clock.setTimer(this.tick, this.nextDue - this.options.clock.now());
  }

  /** Grows by doubling (rarely: the first 10 s are preallocated). */
  private keep(samples: Float32Array, count: number): void {
    if (this.options.record === false || !this.recording) return;
    if (this.taped + count > this.tape.length) {
      const grown = new Float32Array(Math.max(this.tape.length * 2, this.taped + count));
      grown.set(this.tape.subarray(0, this.taped));
      this.tape = grown;
    }
    for (let i = 0; i < count; i++) this.tape[this.taped + i] = samples[i]!;
    this.taped += count;
  }
}
