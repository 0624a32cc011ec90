import { PNG } from 'pngjs';
import type { WebHost } from './web-host';

/** Screen frames sent per second at most: the newest frame wins, none is queued. */
export const SCREEN_FEED_MAX_FPS = 20;

/**
 * Shares the host's screen among websocket clients: subscribes to the host while anyone listens,
 * encodes each changed frame to PNG once (at most SCREEN_FEED_MAX_FPS, newest wins) and hands the
 * same bytes to every client.
 */
export class ScreenFeed {
  private readonly clients = new Set<(png: Buffer) => void>();
  private unsubscribe: (() => void) | undefined;
  private pending: Uint8ClampedArray | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = 0;
  private last: Buffer | undefined;

  constructor(private readonly host: WebHost) {}

  /** Adds a client; it gets the current screen at once, then every change. */
  add(client: (png: Buffer) => void): () => void {
    this.clients.add(client);
    if (!this.unsubscribe) this.unsubscribe = this.host.onScreenFrame((rgba) => this.offer(rgba));
    const now = this.last ?? (this.host.latestScreen() ? this.encode(this.host.latestScreen()!) : undefined);
    if (now) client(now);
    return () => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stop();
    };
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private offer(rgba: Uint8ClampedArray): void {
    this.pending = new Uint8ClampedArray(rgba); // the host may reuse its array
    if (this.timer) return;
    const wait = Math.max(0, this.lastSentAt + 1000 / SCREEN_FEED_MAX_FPS - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    const frame = this.pending;
    this.pending = undefined;
    if (!frame) return;
    this.lastSentAt = Date.now();
    const png = this.encode(frame);
    for (const client of this.clients) client(png);
  }

  private encode(rgba: Uint8ClampedArray): Buffer {
    const { width, height } = this.host.info().screen;
    const png = new PNG({ width, height, deflateLevel: 3 });
    png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
    this.last = PNG.sync.write(png, { deflateLevel: 3 });
    return this.last;
  }
}
