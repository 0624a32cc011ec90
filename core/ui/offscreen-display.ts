import { PNG } from 'pngjs';
import type { DeviceHealth } from '../devices/device';
import type { Display, DisplayStats, Rect } from '../devices/display/display';
import { rgb565ToRgb888 } from '../devices/display/rgb565';
import { NeurorackError } from '../errors/neurorack-error';

/**
 * A display with no panel behind it: it keeps the last frame in memory, so pages can be rendered
 * offline (`neurorack screenshot`, the bench, golden tests). Honours the Display contract: same
 * frame size rules, unchanged frames are not "sent".
 */
export class OffscreenDisplay implements Display {
  readonly kind = 'display' as const;
  readonly id = 'offscreen';
  readonly binding = 'emulated' as const;
  readonly address = 'memory';
  readonly width = 240;
  readonly height = 240;
  private readonly pixels = new Uint16Array(240 * 240);
  private counts = { pushed: 0, unchanged: 0, busy: 0, failed: 0 };

  async open(): Promise<void> {}

  async close(): Promise<void> {}

  health(): DeviceHealth {
    return { status: 'ok', detail: 'offscreen frame in memory' };
  }

  stats(): DisplayStats {
    return { ...this.counts };
  }

  async pushFrame(frame: Uint16Array | Buffer, _dirty?: Rect): Promise<boolean> {
    const n = this.width * this.height;
    const isBuffer = Buffer.isBuffer(frame);
    if ((isBuffer ? frame.length / 2 : frame.length) !== n) {
      throw new NeurorackError('NR_DISPLAY_FRAME_INVALID', `frame holds ${isBuffer ? frame.length / 2 : frame.length} pixels, expected ${n}`);
    }
    let changed = false;
    for (let i = 0; i < n; i++) {
      const v = isBuffer ? (frame[i * 2]! << 8) | frame[i * 2 + 1]! : frame[i]!;
      if (v !== this.pixels[i]) {
        this.pixels[i] = v;
        changed = true;
      }
    }
    if (changed) this.counts.pushed++;
    else this.counts.unchanged++;
    return changed;
  }

  /** The frame as the panel would show it, RGBA; written into `out` when given (a reader polling the screen reuses its arrays). */
  readRgba(out = new Uint8ClampedArray(this.width * this.height * 4)): Uint8ClampedArray {
    if (out.length !== this.width * this.height * 4) throw new RangeError(`readRgba: expected an array of ${this.width * this.height * 4} bytes (${this.width}x${this.height} RGBA), found ${out.length}`);
    for (let i = 0; i < this.pixels.length; i++) {
      const [r, g, b] = rgb565ToRgb888(this.pixels[i]!);
      out[i * 4] = r;
      out[i * 4 + 1] = g;
      out[i * 4 + 2] = b;
      out[i * 4 + 3] = 255;
    }
    return out;
  }

  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    png.data = Buffer.from(this.readRgba().buffer);
    return PNG.sync.write(png);
  }
}
