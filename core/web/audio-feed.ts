import type { WebHost } from './web-host';

/** Samples per websocket message: about 21 ms at 48 kHz, few enough messages for a phone. */
export const AUDIO_FEED_CHUNK = 1024;

/**
 * Shares the output audio among websocket clients that asked for it: subscribes to the host while
 * anyone listens, copies each block out of the audio path's callback at once (the callback never
 * waits), and hands out chunks of AUDIO_FEED_CHUNK samples.
 */
export class AudioFeed {
  private readonly clients = new Set<(chunk: Float32Array) => void>();
  private unsubscribe: (() => void) | undefined;
  private chunk = new Float32Array(AUDIO_FEED_CHUNK);
  private fill = 0;

  constructor(private readonly host: WebHost) {}

  add(client: (chunk: Float32Array) => void): () => void {
    this.clients.add(client);
    if (!this.unsubscribe) this.unsubscribe = this.host.onAudioBlock((block) => this.push(block));
    return () => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stop();
    };
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.fill = 0;
  }

  private push(block: Float32Array): void {
    let i = 0;
    while (i < block.length) {
      const n = Math.min(block.length - i, AUDIO_FEED_CHUNK - this.fill);
      this.chunk.set(block.subarray(i, i + n), this.fill);
      this.fill += n;
      i += n;
      if (this.fill === AUDIO_FEED_CHUNK) {
        const full = this.chunk;
        this.chunk = new Float32Array(AUDIO_FEED_CHUNK);
        this.fill = 0;
        for (const client of this.clients) client(full);
      }
    }
  }
}
