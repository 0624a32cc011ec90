import type { WebHost } from './web-host';
import { WIRE_HEADER_BYTES, WireTag } from './wire-format';

/** Samples per websocket message: about 21 ms at 48 kHz, few enough messages for a phone. */
export const AUDIO_FEED_CHUNK = 1024;

/**
 * Shares the output audio among websocket clients that asked for it: subscribes to the host only
 * while anyone listens, copies each block out of the audio path's callback at once (the callback
 * never waits) into the message being filled, and hands every client the same wire message (tag
 * and AUDIO_FEED_CHUNK Float32 samples, ready to send) once it is full. A client that cannot take
 * a message drops it (live-client.ts); nothing queues here.
 */
export class AudioFeed {
  private readonly clients = new Set<(message: Buffer) => void>();
  private unsubscribe: (() => void) | undefined;
  /** The message being filled; a new one once it was handed out (clients' sockets may still hold it). */
  private message = newMessage();
  private samples = samplesOf(this.message);
  private fill = 0;
  private readonly push = (block: Float32Array): void => this.take(block);

  constructor(private readonly host: WebHost) {}

  /** Subscribed clients. */
  get size(): number {
    return this.clients.size;
  }

  /** Whether the feed is subscribed to the host's audio (only while it has clients). */
  get running(): boolean {
    return this.unsubscribe !== undefined;
  }

  add(client: (message: Buffer) => void): () => void {
    this.clients.add(client);
    if (!this.unsubscribe) this.unsubscribe = this.host.onAudioBlock(this.push);
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

  private take(block: Float32Array): void {
    let i = 0;
    while (i < block.length) {
      const n = Math.min(block.length - i, AUDIO_FEED_CHUNK - this.fill);
      this.samples.set(block.subarray(i, i + n), this.fill);
      this.fill += n;
      i += n;
      if (this.fill === AUDIO_FEED_CHUNK) {
        const full = this.message;
        this.message = newMessage();
        this.samples = samplesOf(this.message);
        this.fill = 0;
        for (const client of this.clients) client(full);
      }
    }
  }
}

function newMessage(): Buffer {
  // Its own ArrayBuffer (not the shared Buffer pool), so the samples view is 4-byte aligned.
  const message = Buffer.from(new ArrayBuffer(WIRE_HEADER_BYTES + AUDIO_FEED_CHUNK * 4));
  message[0] = WireTag.Audio;
  return message;
}

function samplesOf(message: Buffer): Float32Array {
  return new Float32Array(message.buffer, message.byteOffset + WIRE_HEADER_BYTES, AUDIO_FEED_CHUNK);
}
