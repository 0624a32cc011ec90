import type { PngThread } from './png-thread';
import type { WebHost } from './web-host';
import { WireTag, wireMessage } from './wire-format';

/** Screen frames sent per second at most: the newest frame wins, none is queued. */
export const SCREEN_FEED_MAX_FPS = 20;

/**
 * Shares the host's screen among websocket clients: subscribes to the host only while anyone
 * listens, keeps the newest changed frame in one buffer of its own (at most SCREEN_FEED_MAX_FPS,
 * newest wins, nothing queues), encodes it to PNG once, on the PNG thread, and hands the same wire
 * message (tag and PNG, ready to send) to every client. One frame is encoded at a time; frames
 * that change meanwhile wait as one. With no client it holds no timer and no subscription, and
 * drops what the thread sends back for a frame taken before the last client left.
 */
export class ScreenFeed {
  private readonly clients = new Set<(message: Buffer) => void>();
  private unsubscribe: (() => void) | undefined;
  /** The newest frame not sent yet, copied into `frame` (reused; the host may reuse its array). */
  private frame: Uint8ClampedArray | undefined;
  /** Pixels handed back by the PNG thread, for the next frame to move there. */
  private spare: Uint8Array | undefined;
  private pending = false;
  private encoding = false;
  /** Counts stops: an encoding started before the last stop is not sent. */
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = 0;
  /** The last message sent, for a client that joins: dropped when the last client leaves (it goes stale). */
  private last: Buffer | undefined;
  private readonly flushNow = (): void => this.flush();

  constructor(private readonly host: WebHost, private readonly png: PngThread) {}

  /** Subscribed clients (a test and the stats read it). */
  get size(): number {
    return this.clients.size;
  }

  /** Whether the feed is subscribed to the host's screen (only while it has clients). */
  get running(): boolean {
    return this.unsubscribe !== undefined;
  }

  /** Adds a client; it gets the current screen as soon as it is encoded, then every change. Returns its removal. */
  add(client: (message: Buffer) => void): () => void {
    this.clients.add(client);
    const first = !this.unsubscribe;
    if (first) this.unsubscribe = this.host.onScreenFrame((rgba) => this.offer(rgba));
    if (this.last) client(this.last);
    else if (first) {
      const now = this.host.latestScreen();
      if (now) this.offer(now);
    }
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
    this.generation++;
  }

  private offer(rgba: Uint8ClampedArray): void {
    if (!this.frame || this.frame.length !== rgba.length) this.frame = new Uint8ClampedArray(rgba.length);
    this.frame.set(rgba);
    this.pending = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.encoding || !this.pending) return;
    const wait = Math.max(0, this.lastSentAt + 1000 / SCREEN_FEED_MAX_FPS - Date.now());
    this.timer = setTimeout(this.flushNow, wait);
  }

  private flush(): void {
    this.timer = undefined;
    if (!this.pending || !this.frame || this.encoding) return;
    this.pending = false;
    this.encoding = true;
    this.lastSentAt = Date.now();
    const pixels = this.spare?.byteLength === this.frame.byteLength ? this.spare : new Uint8Array(this.frame.byteLength);
    this.spare = undefined;
    pixels.set(this.frame);
    const generation = this.generation;
    const { width, height } = this.host.info().screen;
    this.png.encode(pixels, width, height).then(
      (encoded) => {
        this.spare = encoded.pixels;
        this.encoding = false;
        if (generation !== this.generation) return;
        const message = wireMessage(WireTag.ScreenPng, encoded.png);
        this.last = message;
        for (const client of this.clients) client(message);
        this.schedule();
      },
      () => {
        // A frame the thread could not encode is skipped; the next change is offered again.
        this.encoding = false;
        this.schedule();
      },
    );
  }
}
