import type { SharedPcmRingMemory } from './shared-pcm-ring';

/**
 * A PCM output at the device's rate: where the audio-out driver hands resampled, interleaved
 * frames. The real binding is PortAudio (naudiodon), the emulated one a sound card on the Clock.
 *
 * Obligations:
 * - `open()` resolves the device by name substring (see matchAudioDevice) and starts it; it rejects
 *   with `NR_AUDIO_DEVICE_NOT_FOUND` or `NR_AUDIO_BACKEND_UNAVAILABLE`.
 * - `writableFrames()` is how many frames `write()` takes now; `write()` copies all `frames`
 *   (interleaved, `channels` samples each) or none, never blocks or throws, and allocates nothing.
 * - `underruns` counts starvation episodes while playing.
 * - `condition()` says whether the device is present; while it is not, `write()` returns false.
 * - `close()` plays out what is queued and releases the device; it is idempotent.
 * - `share()`, where a binding offers it, hands the writing end to another thread (see
 *   {@link SharedPcmPort}); from then on `write()` on this object refuses.
 */
export interface PcmSink {
  readonly binding: 'real' | 'emulated';
  readonly rate: number;
  readonly channels: number;
  /** The configured name substring. */
  readonly deviceQuery: string;
  /** The full name of the opened device. */
  readonly deviceName: string | undefined;
  open(): Promise<void>;
  writableFrames(): number;
  write(interleaved: Float32Array, frames: number): boolean;
  readonly underruns: number;
  condition(): { readonly present: boolean; readonly detail: string };
  close(): Promise<void>;
  share?(): SharedPcmPort | undefined;
}

/** A device's buffer as another thread writes it (see `SharedRingSink`). */
export interface SharedPcmPort {
  readonly ring: SharedPcmRingMemory;
  readonly binding: 'real' | 'emulated';
  readonly deviceName: string;
  readonly deviceQuery: string;
}
