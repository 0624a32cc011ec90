import type { ResamplerQuality } from '../../audio/stream-resampler';
import type { Device } from '../device';
import type { SharedPcmPort } from './pcm-sink';

/** The model's render rate (the v1 models run at 22050 Hz); the DAC does not support it. */
export const MODEL_SAMPLE_RATE = 22050;

/**
 * The audio output as the engine uses it: mono blocks at the model rate in, the DAC's rate out.
 *
 * Obligations (in addition to {@link Device}):
 * - `open()` picks the output device whose name contains the configured substring (never an
 *   index) and rejects with `NR_AUDIO_DEVICE_NOT_FOUND`, listing the available names, when none
 *   does; `NR_AUDIO_BACKEND_UNAVAILABLE` when the audio backend cannot be loaded or opened.
 * - `write(block)` takes a mono block at `inputRate` of at most `maxBlockFrames` samples, resamples
 *   it to `sampleRate` (state kept across blocks, so blocks join seamlessly) and queues it. It never
 *   blocks, awaits or throws, and allocates nothing: it returns `true` when the block was queued,
 *   `false` when it was not. `false` with `dropped` unchanged means the queue is full (back-pressure:
 *   offer the block again later); `dropped` grows when the block is lost (device gone, not open).
 * - `space()` is how many input frames `write()` would accept now.
 * - `xruns` counts the times the device ran dry while playing (one per starvation episode).
 * - While the device is gone `health()` is `degraded` and writes are dropped and counted; the
 *   audio path goes on and recovers when the device comes back.
 * - `share()`, where the device offers it, hands its writing end to another thread, which drives
 *   it with its own driver (`openSharedAudioOut`); `xruns` and `health()` stay here, and `write()`
 *   here refuses from then on.
 */
export interface AudioOut extends Device {
  readonly kind: 'audio-out';
  /** The rate `write()` expects: {@link MODEL_SAMPLE_RATE}. */
  readonly inputRate: number;
  /** The device's rate: 44100 or 48000. */
  readonly sampleRate: number;
  /** Channels the device plays; a mono block goes to each. */
  readonly channels: number;
  readonly maxBlockFrames: number;
  /** The full name of the device picked by `open()` (undefined before). */
  readonly deviceName: string | undefined;
  write(block: Float32Array): boolean;
  space(): number;
  readonly xruns: number;
  readonly dropped: number;
  share?(): SharedAudioOut | undefined;
}

/** What another thread needs to drive a shared device exactly as this driver does. */
export interface SharedAudioOut {
  readonly port: SharedPcmPort;
  readonly inputRate: number;
  readonly maxBlockFrames: number;
  readonly quality: ResamplerQuality | undefined;
}
