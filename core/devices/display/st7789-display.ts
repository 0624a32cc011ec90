import { NeurorackError } from '../../errors/neurorack-error';
import type { Clock } from '../../scheduler/clock';
import type { DeviceHealth } from '../device';
import type { GpioOutput } from '../gpio/gpio-line';
import { SPI_MAX_TRANSFER, type SpiBus, type SpiTransfer } from '../spi/spi-bus';
import type { Display, DisplayStats, Rect } from './display';
import { findDirtyRect } from './dirty-rect';
import { ST7789 } from './st7789-commands';
import { addressWindow, st7789InitSequence, type St7789InitName } from './st7789-init';

export interface St7789DisplayOptions {
  readonly id?: string;
  /** Which binding the bus is: reported by `doctor`. */
  readonly binding: 'real' | 'emulated';
  readonly bus: SpiBus;
  readonly dc: GpioOutput;
  readonly rst: GpioOutput;
  readonly clock: Clock;
  readonly width?: number;
  readonly height?: number;
  /** Added to RASET rows: 80 with MADCTL MY|MX on a 240x240 glass over the 320-row RAM. */
  readonly rowOffset: number;
  /** Added to CASET columns. */
  readonly colOffset?: number;
  readonly init: St7789InitName;
  /** Reset pulse: RST low then high, each this long (v1: 50 ms). */
  readonly resetPulseMs?: number;
  /** Retry backoff after a failure: first wait, doubling up to the maximum. */
  readonly backoffMs?: { readonly initial: number; readonly max: number };
}

/**
 * The ST7789 driver: reset through RST, the init sequence, then frames as CASET/RASET/RAMWR and
 * RGB565 big-endian pixels, split into transfers of at most {@link SPI_MAX_TRANSFER} bytes. It keeps
 * a copy of what the panel shows and sends only the changed rectangle.
 */
export class St7789Display implements Display {
  readonly kind = 'display' as const;
  readonly id: string;
  readonly binding: 'real' | 'emulated';
  readonly address: string;
  readonly width: number;
  readonly height: number;
  private readonly shown: Buffer;
  private readonly scratch: Buffer;
  private readonly rectBuffer: Buffer;
  private dcLevel: 0 | 1 | undefined;
  private panelValid = false;
  private initialized = false;
  private busy = false;
  private opened = false;
  private closed = false;
  private retryAt = 0;
  private backoff: number;
  private status: DeviceHealth = { status: 'missing', detail: 'not opened' };
  private counters = { pushed: 0, unchanged: 0, busy: 0, failed: 0 };

  constructor(private readonly options: St7789DisplayOptions) {
    this.id = options.id ?? 'display';
    this.binding = options.binding;
    this.width = options.width ?? 240;
    this.height = options.height ?? 240;
    const bytes = this.width * this.height * 2;
    this.shown = Buffer.alloc(bytes);
    this.scratch = Buffer.alloc(bytes);
    this.rectBuffer = Buffer.alloc(bytes);
    this.backoff = options.backoffMs?.initial ?? 100;
    const { bus } = options;
    this.address = `spidev${bus.busNumber}.${bus.deviceNumber} dc=${options.dc.line} rst=${options.rst.line}`;
  }

  async open(): Promise<void> {
    if (this.opened) return;
    await this.options.bus.open();
    this.opened = true;
    this.closed = false;
    await this.tryInitialize();
  }

  health(): DeviceHealth {
    return this.status;
  }

  stats(): DisplayStats {
    return { ...this.counters };
  }

  async pushFrame(frame: Uint16Array | Buffer, dirty?: Rect): Promise<boolean> {
    this.checkSize(frame);
    if (this.busy) {
      this.counters.busy++;
      return false;
    }
    if (!this.opened) return false;
    this.busy = true;
    try {
      const pixels = this.toBigEndian(frame);
      if (!this.initialized) {
        if (this.options.clock.now() < this.retryAt) return false;
        if (!(await this.tryInitialize())) return false;
      }
      const rect = this.panelValid ? findDirtyRect(pixels, this.shown, this.width, this.height, dirty) : full(this.width, this.height);
      if (!rect) {
        this.counters.unchanged++;
        return false;
      }
      try {
        await this.sendRect(pixels, rect);
      } catch (err) {
        this.fail(err);
        this.counters.failed++;
        return false;
      }
      pixels.copy(this.shown);
      this.panelValid = true;
      this.counters.pushed++;
      this.recovered();
      return true;
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.opened = false;
    this.initialized = false;
    this.status = { status: 'missing', detail: `${this.address}: closed` };
    await this.options.bus.close().catch(() => undefined);
    await this.options.dc.close().catch(() => undefined);
    await this.options.rst.close().catch(() => undefined);
  }

  /** Reset and init; on failure the display goes degraded and a retry is scheduled. */
  private async tryInitialize(): Promise<boolean> {
    try {
      await this.initialize();
      this.initialized = true;
      this.recovered();
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  private async initialize(): Promise<void> {
    const { clock, rst } = this.options;
    const pulse = this.options.resetPulseMs ?? 50;
    this.panelValid = false;
    this.dcLevel = undefined;
    await rst.write(0);
    await clock.sleep(pulse);
    await rst.write(1);
    await clock.sleep(pulse);
    const colOffset = this.options.colOffset ?? 0;
    const window = {
      caset: addressWindow(colOffset, colOffset + this.width - 1),
      raset: addressWindow(this.options.rowOffset, this.options.rowOffset + this.height - 1),
    };
    for (const step of st7789InitSequence(this.options.init, window)) {
      await this.command(step.command, step.data);
      if (step.delayMs) await clock.sleep(step.delayMs);
    }
  }

  private async sendRect(pixels: Buffer, rect: Rect): Promise<void> {
    const colOffset = this.options.colOffset ?? 0;
    const rowOffset = this.options.rowOffset;
    await this.command(ST7789.CASET, addressWindow(rect.x0 + colOffset, rect.x1 - 1 + colOffset));
    await this.command(ST7789.RASET, addressWindow(rect.y0 + rowOffset, rect.y1 - 1 + rowOffset));
    await this.command(ST7789.RAMWR);
    const bytes = this.rectBytes(pixels, rect);
    const message: SpiTransfer[] = [];
    for (let off = 0; off < bytes.length; off += SPI_MAX_TRANSFER) {
      message.push({ send: bytes.subarray(off, Math.min(bytes.length, off + SPI_MAX_TRANSFER)) });
    }
    await this.setDc(1);
    await this.options.bus.transfer(message);
  }

  /** The rectangle's pixels, contiguous: a view when it spans whole rows, else copied row by row. */
  private rectBytes(pixels: Buffer, rect: Rect): Buffer {
    const rowBytes = this.width * 2;
    if (rect.x0 === 0 && rect.x1 === this.width) return pixels.subarray(rect.y0 * rowBytes, rect.y1 * rowBytes);
    const w = (rect.x1 - rect.x0) * 2;
    let o = 0;
    for (let y = rect.y0; y < rect.y1; y++, o += w) {
      pixels.copy(this.rectBuffer, o, y * rowBytes + rect.x0 * 2, y * rowBytes + rect.x1 * 2);
    }
    return this.rectBuffer.subarray(0, o);
  }

  private async command(command: number, data?: readonly number[]): Promise<void> {
    await this.setDc(0);
    await this.options.bus.transfer([{ send: Uint8Array.of(command) }]);
    if (data && data.length > 0) {
      await this.setDc(1);
      await this.options.bus.transfer([{ send: Uint8Array.from(data) }]);
    }
  }

  private async setDc(level: 0 | 1): Promise<void> {
    if (this.dcLevel === level) return;
    this.dcLevel = undefined;
    await this.options.dc.write(level);
    this.dcLevel = level;
  }

  private checkSize(frame: Uint16Array | Buffer): void {
    const count = this.width * this.height;
    if (frame instanceof Uint16Array) {
      if (frame.length !== count) throw this.badFrame(`${frame.length} RGB565 pixels`);
    } else if (!Buffer.isBuffer(frame) || frame.length !== count * 2) {
      throw this.badFrame(`${(frame as { length?: number }).length} bytes`);
    }
  }

  /** Uint16Array frames are serialised into a scratch buffer only while no push is in flight. */
  private toBigEndian(frame: Uint16Array | Buffer): Buffer {
    if (!(frame instanceof Uint16Array)) return frame;
    const out = this.scratch;
    for (let i = 0, o = 0; i < frame.length; i++, o += 2) {
      const v = frame[i]!;
      out[o] = v >> 8;
      out[o + 1] = v & 0xff;
    }
    return out;
  }

  private badFrame(got: string): NeurorackError {
    return new NeurorackError(
      'NR_DISPLAY_FRAME_INVALID',
      `${this.id}: frame has ${got}, expected a Uint16Array of ${this.width * this.height} RGB565 pixels or a Buffer of ${this.width * this.height * 2} big-endian bytes`,
      { device: this.address },
    );
  }

  private fail(err: unknown): void {
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    this.initialized = false;
    this.panelValid = false;
    this.retryAt = this.options.clock.now() + this.backoff;
    this.status = { status: 'degraded', detail: `${this.address}: ${code ? code + ' ' : ''}${message}; retrying in ${this.backoff} ms` };
    this.backoff = Math.min(this.backoff * 2, this.options.backoffMs?.max ?? 5000);
  }

  private recovered(): void {
    this.backoff = this.options.backoffMs?.initial ?? 100;
    this.status = { status: 'ok', detail: `${this.address}, ${this.options.init} init, row offset ${this.options.rowOffset}` };
  }
}

function full(width: number, height: number): Rect {
  return { x0: 0, y0: 0, x1: width, y1: height };
}
