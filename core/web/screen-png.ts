import type { EncodedPng, PngThread } from './png-thread';

/**
 * The screen as a PNG for GET /api/screen.png, encoded on the PNG thread once per frame: requests
 * between two frames get the bytes already made, and requests that come while a frame is being
 * encoded wait for it. A frame is told by its pixels, not by its array: a host may reuse the array
 * it hands out. Holds at most two frames of pixels (the last encoded one and a spare).
 */
export class ScreenPng {
  private last: EncodedPng | undefined;
  private inFlight: Promise<unknown> | undefined;
  private spare: Uint8Array | undefined;

  constructor(private readonly thread: PngThread) {}

  async of(rgba: Uint8ClampedArray, width: number, height: number): Promise<Buffer> {
    while (this.inFlight) await this.inFlight;
    if (this.last && sameBytes(this.last.pixels, rgba)) return this.last.png;
    const pixels = this.spare?.byteLength === rgba.byteLength ? this.spare : new Uint8Array(rgba.byteLength);
    this.spare = undefined;
    pixels.set(rgba);
    const encoding = this.thread.encode(pixels, width, height);
    this.inFlight = encoding.catch(() => undefined);
    try {
      const encoded = await encoding;
      this.spare = this.last?.pixels;
      this.last = encoded;
      return encoded.png;
    } finally {
      this.inFlight = undefined;
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8ClampedArray): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
