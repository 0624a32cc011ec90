import type { ResamplerQuality, StreamResampler } from '../../audio/stream-resampler';
import type { DeviceHealth } from '../device';
import { MODEL_SAMPLE_RATE, type AudioOut, type SharedAudioOut } from './audio-out';
import type { PcmSink } from './pcm-sink';

export interface ResamplingAudioOutOptions {
  readonly id?: string;
  readonly sink: PcmSink;
  readonly inputRate?: number;
  /** Longest block `write()` takes, in input frames. Default 4096. */
  readonly maxBlockFrames?: number;
  readonly quality?: ResamplerQuality;
  /**
   * Whether `write()` is called on this thread (default true). False where another thread writes
   * the device through `share()` (the audio worker, with its own resampler): `open()` then builds
   * no resampler here, nor loads libsamplerate (at boot, 60-90 ms of the main thread's CPU spent on
   * a converter nothing used), and `write()` drops as it does before `open()`.
   */
  readonly writesHere?: boolean;
}

/**
 * The audio-out driver over a {@link PcmSink}: resamples mono model-rate blocks to the device rate
 * with libsamplerate (streaming), copies them to every channel and queues them without blocking.
 * All buffers are allocated by `open()`.
 */
export class ResamplingAudioOut implements AudioOut {
  readonly kind = 'audio-out' as const;
  readonly id: string;
  readonly binding: 'real' | 'emulated';
  readonly inputRate: number;
  readonly sampleRate: number;
  readonly channels: number;
  readonly maxBlockFrames: number;
  private readonly sink: PcmSink;
  private resampler: StreamResampler | undefined;
  private opened = false;
  private mono = new Float32Array(0);
  private interleaved = new Float32Array(0);
  private _dropped = 0;
  private closed = false;

  constructor(private readonly options: ResamplingAudioOutOptions) {
    this.sink = options.sink;
    this.id = options.id ?? 'audio-out';
    this.binding = options.sink.binding;
    this.inputRate = options.inputRate ?? MODEL_SAMPLE_RATE;
    this.sampleRate = options.sink.rate;
    this.channels = options.sink.channels;
    this.maxBlockFrames = options.maxBlockFrames ?? 4096;
  }

  get address(): string {
    return `alsa '${this.sink.deviceName ?? this.sink.deviceQuery}'`;
  }

  get deviceName(): string | undefined {
    return this.sink.deviceName;
  }

  get xruns(): number {
    return this.sink.underruns;
  }

  get dropped(): number {
    return this._dropped;
  }

  async open(): Promise<void> {
    if (this.opened) return;
    await this.sink.open();
    if (this.options.writesHere !== false) {
      // Loaded here, not with this module: a driver whose device another thread writes never needs it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { StreamResampler } = require('../../audio/stream-resampler') as typeof import('../../audio/stream-resampler');
      const resampler = await StreamResampler.create({
        inRate: this.inputRate,
        outRate: this.sampleRate,
        maxBlockFrames: this.maxBlockFrames,
        quality: this.options.quality,
      });
      this.mono = new Float32Array(resampler.outputSamplesFor(this.maxBlockFrames));
      this.interleaved = new Float32Array(this.mono.length * this.channels);
      this.resampler = resampler;
    }
    this.opened = true;
    this.closed = false;
  }

  write(block: Float32Array): boolean {
    const resampler = this.resampler;
    try {
      if (!resampler || block.length > this.maxBlockFrames || !this.sink.condition().present) {
        this._dropped++;
        return false;
      }
      if (this.sink.writableFrames() < Math.ceil(block.length * resampler.ratio) + 2) return false;
      const frames = resampler.process(block, this.mono);
      let out = this.mono;
      if (this.channels > 1) {
        out = this.interleaved;
        const ch = this.channels;
        for (let i = 0; i < frames; i++) {
          const s = this.mono[i]!;
          for (let c = 0; c < ch; c++) out[i * ch + c] = s;
        }
      }
      if (this.sink.write(out, frames)) return true;
      this._dropped++;
      return false;
    } catch {
      this._dropped++;
      return false;
    }
  }

  space(): number {
    const resampler = this.resampler;
    if (!resampler || !this.sink.condition().present) return 0;
    const frames = Math.floor((this.sink.writableFrames() - 2) / resampler.ratio);
    return Math.max(0, Math.min(this.maxBlockFrames, frames));
  }

  /** The device's writing end for another thread, where the device offers it (see {@link AudioOut}). */
  share(): SharedAudioOut | undefined {
    const port = this.opened ? this.sink.share?.() : undefined;
    return port && { port, inputRate: this.inputRate, maxBlockFrames: this.maxBlockFrames, quality: this.options.quality };
  }

  health(): DeviceHealth {
    if (this.closed) return { status: 'missing', detail: `${this.address}: closed` };
    if (!this.opened) return { status: 'missing', detail: `${this.address}: not opened` };
    const c = this.sink.condition();
    const counts = `${this.xruns} xruns, ${this._dropped} blocks dropped`;
    return c.present ? { status: 'ok', detail: `${c.detail}; ${counts}` } : { status: 'degraded', detail: `${c.detail}; ${counts}` };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sink.close();
    this.resampler?.destroy();
    this.resampler = undefined;
    this.opened = false;
  }
}
