import type { AudioObserver } from '../engine/audio-thread';

/**
 * One subscription to the audio path's blocks, shared by any number of listeners that come and go
 * (the web panel's audio feed, meters). A listener that throws is dropped, never the audio.
 */
export class BlockFanout {
  private readonly listeners = new Set<(block: Float32Array) => void>();

  constructor(audio: AudioObserver) {
    audio.onBlock((block) => {
      for (const l of this.listeners) {
        try {
          l(block);
        } catch {
          this.listeners.delete(l);
        }
      }
    });
  }

  /** Calls `listener` with each block (valid only during the call); returns the unsubscribe. */
  onBlock(listener: (block: Float32Array) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
