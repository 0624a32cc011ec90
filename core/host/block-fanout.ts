import type { AudioObserver } from '../engine/audio-thread';

/**
 * One subscription to the audio path's blocks, shared by any number of listeners that come and go
 * (the web panel's audio feed). It listens to the audio path only while it has listeners of its
 * own, so a host with no panel subscribed is not handed every block. A listener that throws is
 * dropped, never the audio.
 */
export class BlockFanout {
  private readonly listeners = new Set<(block: Float32Array) => void>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly audio: AudioObserver) {}

  /** Calls `listener` with each block (valid only during the call); returns the unsubscribe. */
  onBlock(listener: (block: Float32Array) => void): () => void {
    this.listeners.add(listener);
    this.unsubscribe ??= this.audio.onBlock((block) => this.handOut(block));
    return () => this.remove(listener);
  }

  private handOut(block: Float32Array): void {
    for (const l of this.listeners) {
      try {
        l(block);
      } catch {
        this.remove(l);
      }
    }
  }

  private remove(listener: (block: Float32Array) => void): void {
    this.listeners.delete(listener);
    if (this.listeners.size > 0 || !this.unsubscribe) return;
    this.unsubscribe();
    this.unsubscribe = undefined;
  }
}
