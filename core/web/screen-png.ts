import { PNG } from 'pngjs';

/**
 * The screen as a PNG, encoded once per frame. Encoding 240x240 takes milliseconds of the event
 * loop (the control loop's and the web's), so requests between two frames get the bytes already
 * made. A frame is told by its pixels, not by its array: a host may reuse the array it hands out.
 */
export class ScreenPng {
  private pixels: Buffer | undefined;
  private png: Buffer | undefined;
  /** How many PNGs were encoded. */
  encodes = 0;

  constructor(private readonly deflateLevel = 3) {}

  of(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
    const bytes = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
    if (this.png && this.pixels && this.pixels.equals(bytes)) return this.png;
    const image = new PNG({ width, height, deflateLevel: this.deflateLevel });
    image.data = bytes;
    this.png = PNG.sync.write(image, { deflateLevel: this.deflateLevel });
    this.pixels = Buffer.from(bytes); // a copy: the host may draw the next frame into the same array
    this.encodes++;
    return this.png;
  }
}
