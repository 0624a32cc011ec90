import { NeurorackError } from '../../errors/neurorack-error';
import type { Clock } from '../../scheduler/clock';
import { matchAudioDevice } from './match-audio-device';
import type { PcmSink } from './pcm-sink';

type Naudiodon = typeof import('naudiodon');
type WriteStream = ReturnType<Naudiodon['AudioIO']> & NodeJS.WritableStream;

export interface NaudiodonPcmSinkOptions {
  readonly clock: Clock;
  readonly rate: number;
  readonly channels: number;
  /** Name substring of the PortAudio device ("sndrpihifiberry", "tegrasndt210ref", "default"). */
  readonly device: string;
  /** Target queue length in ms (the rack's `latencyMs`; about 30 ms was needed on a Pi). */
  readonly latencyMs: number;
  /** Sample format on the wire: `int16` (default; what the PCM5102 takes natively) or `float32`. */
  readonly sampleFormat?: 'int16' | 'float32';
  /** Frames per chunk handed to PortAudio. Default 256. */
  readonly chunkFrames?: number;
  /** Test seam: the naudiodon module (loaded lazily otherwise, so emulated hosts never load it). */
  readonly naudiodon?: Naudiodon;
}

/**
 * The real PCM sink: PortAudio through naudiodon's write stream. Frames go into a fixed pool of
 * preallocated chunk buffers; a chunk returns to the pool when naudiodon has copied it into its
 * queue, so the pool size bounds the latency and `write()` allocates nothing.
 *
 * Underruns are estimated on the Clock (frames submitted against frames the device must have
 * played since it started): PortAudio's own underflow flag only reaches naudiodon's stdout.
 */
export class NaudiodonPcmSink implements PcmSink {
  readonly binding = 'real' as const;
  readonly rate: number;
  readonly channels: number;
  readonly deviceQuery: string;
  private name: string | undefined;
  private stream: WriteStream | undefined;
  private readonly chunkFrames: number;
  private readonly buffers: Buffer[] = [];
  private readonly views: Array<Int16Array | Float32Array> = [];
  private readonly releasers: Array<(err?: Error | null) => void> = [];
  private readonly free: Int32Array;
  private freeCount = 0;
  private current = -1;
  private currentFrames = 0;
  private playStart = 0;
  private submitted = 0;
  private present = false;
  private failure = 'not opened';
  private _underruns = 0;

  constructor(private readonly options: NaudiodonPcmSinkOptions) {
    this.rate = options.rate;
    this.channels = options.channels;
    this.deviceQuery = options.device;
    this.chunkFrames = options.chunkFrames ?? 256;
    const pool = Math.max(2, Math.ceil((options.latencyMs * this.rate) / 1000 / this.chunkFrames));
    this.free = new Int32Array(pool);
  }

  get deviceName(): string | undefined {
    return this.name;
  }

  get underruns(): number {
    return this._underruns;
  }

  async open(): Promise<void> {
    if (this.stream) return;
    const portaudio = this.load();
    const device = matchAudioDevice(portaudio.getDevices(), this.deviceQuery);
    this.name = device.name;
    const float = this.options.sampleFormat === 'float32';
    const bytesPerSample = float ? 4 : 2;
    this.allocatePool(bytesPerSample, float);
    let stream: WriteStream;
    try {
      stream = portaudio.AudioIO({
        outOptions: {
          channelCount: this.channels,
          sampleFormat: float ? portaudio.SampleFormatFloat32 : portaudio.SampleFormat16Bit,
          sampleRate: this.rate,
          deviceId: device.id,
          closeOnError: false,
          framesPerBuffer: this.chunkFrames,
        },
      }) as WriteStream;
      stream.on('error', (err: Error) => this.lost(`PortAudio stream error: ${err.message}`));
      stream.start();
    } catch (err) {
      throw new NeurorackError(
        'NR_AUDIO_BACKEND_UNAVAILABLE',
        `PortAudio could not open "${device.name}" at ${this.rate} Hz, ${this.channels} channels: ${err instanceof Error ? err.message : String(err)}`,
        { device: `alsa '${this.deviceQuery}'` },
        { cause: err },
      );
    }
    this.stream = stream;
    this.present = true;
    this.submitted = 0;
    this.playStart = this.options.clock.now();
  }

  writableFrames(): number {
    if (!this.present) return 0;
    return this.current >= 0 ? (this.freeCount + 1) * this.chunkFrames - this.currentFrames : this.freeCount * this.chunkFrames;
  }

  write(interleaved: Float32Array, frames: number): boolean {
    const stream = this.stream;
    if (!stream || !this.present || frames > this.writableFrames()) return false;
    this.notice();
    const ch = this.channels;
    let i = 0;
    while (i < frames) {
      if (this.current < 0) {
        this.current = this.free[--this.freeCount]!;
        this.currentFrames = 0;
      }
      const n = Math.min(frames - i, this.chunkFrames - this.currentFrames);
      const view = this.views[this.current]!;
      const base = this.currentFrames * ch;
      if (view instanceof Float32Array) {
        for (let k = 0; k < n * ch; k++) view[base + k] = interleaved[i * ch + k]!;
      } else {
        for (let k = 0; k < n * ch; k++) {
          const s = interleaved[i * ch + k]!;
          view[base + k] = s >= 1 ? 32767 : s <= -1 ? -32768 : Math.round(s * 32767);
        }
      }
      this.currentFrames += n;
      i += n;
      if (this.currentFrames === this.chunkFrames) {
        const slot = this.current;
        this.current = -1;
        stream.write(this.buffers[slot]!, this.releasers[slot]!);
      }
    }
    this.submitted += frames;
    return true;
  }

  condition(): { present: boolean; detail: string } {
    return this.present
      ? { present: true, detail: `${this.name}, ${this.rate} Hz, ${this.free.length} x ${this.chunkFrames} frames queue` }
      : { present: false, detail: this.failure };
  }

  /** Sends the partial chunk, waits for PortAudio to play out the queue (bounded), then stops. */
  async close(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    this.present = false;
    this.failure = 'closed';
    if (!stream) return;
    if (this.current >= 0 && this.currentFrames > 0) {
      const bytes = this.currentFrames * this.channels * (this.options.sampleFormat === 'float32' ? 4 : 2);
      stream.write(this.buffers[this.current]!.subarray(0, bytes));
      this.current = -1;
    }
    const budget = this.options.latencyMs + 2000;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => stream.abort(() => resolve()), budget);
      stream.once('finished', () => {
        clearTimeout(timer);
        resolve();
      });
      stream.end();
    });
  }

  private load(): Naudiodon {
    if (this.options.naudiodon) return this.options.naudiodon;
    try {
      return require('naudiodon') as Naudiodon;
    } catch (err) {
      throw new NeurorackError(
        'NR_AUDIO_BACKEND_UNAVAILABLE',
        `naudiodon could not be loaded (${err instanceof Error ? err.message : String(err)}); expected it built against the system PortAudio: run node scripts/patch-naudiodon.js`,
        { device: `alsa '${this.deviceQuery}'` },
        { cause: err },
      );
    }
  }

  private allocatePool(bytesPerSample: number, float: boolean): void {
    this.buffers.length = 0;
    this.views.length = 0;
    this.releasers.length = 0;
    for (let slot = 0; slot < this.free.length; slot++) {
      const buf = Buffer.alloc(this.chunkFrames * this.channels * bytesPerSample);
      this.buffers.push(buf);
      this.views.push(float ? new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4) : new Int16Array(buf.buffer, buf.byteOffset, buf.length / 2));
      this.releasers.push((err) => {
        this.free[this.freeCount++] = slot;
        if (err) this.lost(`PortAudio write failed: ${String(err)}`);
      });
      this.free[slot] = slot;
    }
    this.freeCount = this.free.length;
    this.current = -1;
  }

  /** Counts an underrun when the device must have played more than was submitted, then re-bases. */
  private notice(): void {
    const now = this.options.clock.now();
    const played = ((now - this.playStart) * this.rate) / 1000;
    if (this.submitted > 0 && played > this.submitted) this._underruns++;
    if (this.submitted === 0 || played > this.submitted) {
      this.playStart = now;
      this.submitted = 0;
    }
  }

  private lost(detail: string): void {
    this.present = false;
    this.failure = `${this.name ?? this.deviceQuery}: ${detail}`;
  }
}
