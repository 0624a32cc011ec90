import { PNG } from 'pngjs';
import type { WebHost } from './web-host';
import { WireTag, wireMessage } from './wire-format';

/** Screen frames sent per second at most: the newest frame wins, none is queued. */
export const SCREEN_FEED_MAX_FPS = 20;

/**
 * Shares the host's screen among websocket clients: subscribes to the host only while anyone
 * listens, keeps the newest changed frame in one buffer of its own (at most SCREEN_FEED_MAX_FPS,
 * newest wins, nothing queues), encodes it to PNG once and hands the same wire message (tag and
 * PNG, ready to send) to every client. With no client it holds no timer and no subscription.
 */
export class ScreenFeed {
  private readonly clients = new Set<(message: Buffer) => void>();
  private unsubscribe: (() => void) | undefined;
  /** The newest frame not sent yet, copied into `frame` (reused; the host may reuse its array). */
  private frame: Uint8ClampedArray | undefined;
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = 0;
  /** The last message sent, for a client that joins: dropped when the last client leaves (it goes stale). */
  private last: Buffer | undefined;
  private readonly flushNow = (): void => this.flush();

  constructor(private readonly host: WebHost) {}

  /** Subscribed clients (a test and the stats read it). */
  get size(): number {
    return this.clients.size;
  }

  /** Whether the feed is subscribed to the host's screen (only while it has clients). */
  get running(): boolean {
    return this.unsubscribe !== undefined;
  }

  /** Adds a client; it gets the current screen at once, then every change. Returns its removal. */
  add(client: (message: Buffer) => void): () => void {
    this.clients.add(client);
    if (!this.last) {
      // Read before subscribing, so the frame read here is not offered again as a change.
      const now = this.host.latestScreen();
      if (now) this.last = this.encode(now);
    }
    if (!this.unsubscribe) this.unsubscribe = this.host.onScreenFrame((rgba) => this.offer(rgba));
    if (this.last) client(this.last);
    return () => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stop();
    };
  }

  /** Stops everything (the last client left, or the server closes). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
    this.last = undefined;
  }

  private offer(rgba: Uint8ClampedArray): void {
    if (!this.frame || this.frame.length !== rgba.length) this.frame = new Uint8ClampedArray(rgba.length);
    this.frame.set(rgba);
    this.pending = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastSentAt + 1000 / SCREEN_FEED_MAX_FPS - Date.now());
    this.timer = setTimeout(this.flushNow, wait);
  }

  private flush(): void {
    this.timer = undefined;
    if (!this.pending || !this.frame) return;
    this.pending = false;
    this.lastSentAt = Date.now();
    const message = this.encode(this.frame);
    this.last = message;
    for (const client of this.clients) client(message);
  }

  private encode(rgba: Uint8ClampedArray): Buffer {
    const { width, height } = this.host.info().screen;
    const png = new PNG({ width, height, deflateLevel: 3 });
    png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
    return wireMessage(WireTag.ScreenPng, PNG.sync.write(png, { deflateLevel: 3 }));
  }
}
