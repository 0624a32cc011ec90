import type { SharedAudioOut } from './audio-out';
import type { PcmSink, SharedPcmPort } from './pcm-sink';
import { ResamplingAudioOut } from './resampling-audio-out';
import { SharedPcmRing } from './shared-pcm-ring';

/**
 * The writing end of a device's buffer shared by another thread (`PcmSink.share()`): a PcmSink the
 * audio worker's own driver writes through. The device side (playing, underruns, recording, faults)
 * stays with the thread that shared it; `underruns` here is always 0 (read it there).
 */
export class SharedRingSink implements PcmSink {
  readonly binding: 'real' | 'emulated';
  readonly rate: number;
  readonly channels: number;
  readonly deviceQuery: string;
  readonly deviceName: string;
  readonly underruns = 0;
  private readonly ring: SharedPcmRing;

  constructor(port: SharedPcmPort) {
    this.ring = new SharedPcmRing(port.ring);
    this.binding = port.binding;
    this.rate = port.ring.rate;
    this.channels = port.ring.channels;
    this.deviceQuery = port.deviceQuery;
    this.deviceName = port.deviceName;
  }

  /** The word the writer sleeps on: bumped when the device frees room (and by whoever wants the writer to look again). */
  get wake(): { readonly counters: Int32Array; readonly index: number } {
    return { counters: this.ring.counters, index: SharedPcmRing.WAKE };
  }

  /**
   * How long the writer may sleep on `wake` before it looks again, ms: until the card next frees
   * room on its own time, so a writer keeps up even when the card's thread is late to wake it.
   */
  msUntilRoom(): number {
    return this.ring.msUntilNextPeriod();
  }

  /** Says the writer is awake (each time it wakes): the card's underrun records tell from it whether the writer was running then. */
  awake(): void {
    this.ring.writerAwake();
  }

  /** Says the writer goes to sleep (each time, before it waits) for `forMs` at most: the card's underrun records tell from it whether it slept or was busy, and whether it slept longer than it asked. */
  asleep(forMs?: number): void {
    this.ring.writerAsleep(forMs);
  }

  async open(): Promise<void> {}

  writableFrames(): number {
    return this.ring.present ? this.ring.space : 0;
  }

  write(interleaved: Float32Array, frames: number): boolean {
    return this.ring.present && this.ring.write(interleaved, frames);
  }

  condition(): { present: boolean; detail: string } {
    return { present: this.ring.present, detail: `${this.deviceName} (written from this thread, played by the thread that shared it)` };
  }

  async close(): Promise<void> {}
}

/** The driver another thread runs over a shared device: the same resampling driver, over the shared ring. */
export async function openSharedAudioOut(shared: SharedAudioOut): Promise<{ audioOut: ResamplingAudioOut; sink: SharedRingSink }> {
  const sink = new SharedRingSink(shared.port);
  const audioOut = new ResamplingAudioOut({ sink, inputRate: shared.inputRate, maxBlockFrames: shared.maxBlockFrames, quality: shared.quality });
  await audioOut.open();
  return { audioOut, sink };
}
