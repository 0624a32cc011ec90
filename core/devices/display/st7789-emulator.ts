import type { Clock } from '../../scheduler/clock';
import type { EmulatedGpioChip } from '../gpio/emulated-gpio-chip';
import type { SpiPeripheral } from '../spi/spi-peripheral';
import { MADCTL, ST7789, ST7789_RAM_COLUMNS as RAM_W, ST7789_RAM_ROWS as RAM_H } from './st7789-commands';

const PANEL = 240;
const LOG_LIMIT = 4096;

/** A command as the emulator parsed it. `pixels` counts the pixels a RAMWR carried. */
export interface ParsedCommand {
  readonly command: number;
  readonly params: number[];
  readonly timeMs: number;
  pixels?: number;
}

export interface St7789EmulatorOptions {
  /** The emulated GPIO chip holding DC and RST: the emulator samples them at each transfer. */
  readonly gpio: EmulatedGpioChip;
  readonly dcOffset: number;
  readonly rstOffset: number;
  readonly clock: Clock;
  /**
   * How the module holds the glass: 180 (default) shows RAM row 0 at the bottom, as the v1 module
   * is mounted, so that MADCTL MY|MX with the row offset 80 reads upright.
   */
  readonly viewRotation?: 0 | 180;
  /** IPS glass inverts: INVON shows true colours (default true, as on the 240x240 boards). */
  readonly ipsPanel?: boolean;
}

/**
 * A register-level ST7789 emulator behind an emulated SPI bus. It parses commands (DC low) and
 * parameters/pixels (DC high) into a 240x320 frame memory honouring CASET/RASET/RAMWR/MADCTL
 * (MY, MX, MV, BGR) and COLMOD, models sleep, display on/off, inversion and both resets, and
 * enforces the datasheet's waits (5 ms after a reset or SLPOUT, 120 ms from reset to SLPOUT):
 * a command sent too early is ignored and recorded in `violations()`. Pixel data sent while the
 * chip is asleep, in reset or not in a 16-bit mode is rejected and counted.
 *
 * Test controls: `readRgba()`, `toPng()`, `commands()`, `violations()`, `frames`,
 * `rejectedPixelBytes`, `sleeping`, `displayOn`, `hardwareResets`.
 */
export class St7789Emulator implements SpiPeripheral {
  private readonly ram = new Uint16Array(RAM_W * RAM_H);
  private readonly log: ParsedCommand[] = [];
  private readonly problems: string[] = [];
  private rstSeen = 0;
  private resetAt = 0;
  private swresetAt = -Infinity;
  private slpoutAt = -Infinity;
  private current: ParsedCommand | undefined;
  private writing = false;
  private highByte = -1;
  private col = 0;
  private row = 0;
  private colStart = 0;
  private colEnd = RAM_W - 1;
  private rowStart = 0;
  private rowEnd = RAM_H - 1;
  private madctl = 0;
  private colmod = 0x66;
  private inverted = false;
  private _sleeping = true;
  private _displayOn = false;
  private _frames = 0;
  private _rejected = 0;
  private _hardwareResets = 0;

  constructor(private readonly options: St7789EmulatorOptions) {}

  /** Frames received: RAMWR commands that carried at least one accepted pixel. */
  get frames(): number {
    return this._frames;
  }

  /** Data bytes sent while the chip could not take them (asleep, in reset, wrong COLMOD). */
  get rejectedPixelBytes(): number {
    return this._rejected;
  }

  get sleeping(): boolean {
    return this._sleeping;
  }

  get displayOn(): boolean {
    return this._displayOn;
  }

  get hardwareResets(): number {
    return this._hardwareResets;
  }

  /** Commands in arrival order (the most recent 4096), with their parameters. */
  commands(): readonly ParsedCommand[] {
    return this.log;
  }

  /** Datasheet rules broken, one line each, in order. */
  violations(): readonly string[] {
    return this.problems;
  }

  exchange(send: Uint8Array): void {
    this.followResetLine();
    if (this.inReset()) {
      if (this.options.gpio.level(this.options.dcOffset) === 1) this._rejected += send.length;
      return;
    }
    if (this.options.gpio.level(this.options.dcOffset) === 0) {
      for (const byte of send) this.command(byte);
    } else {
      this.data(send);
    }
  }

  /**
   * What the viewer sees: 240x240 RGBA, black while the display is off, asleep or in reset;
   * written into `out` when given (a reader polling the screen reuses its arrays).
   */
  readRgba(out = new Uint8ClampedArray(PANEL * PANEL * 4)): Uint8ClampedArray {
    if (out.length !== PANEL * PANEL * 4) throw new RangeError(`readRgba: expected an array of ${PANEL * PANEL * 4} bytes (${PANEL}x${PANEL} RGBA), found ${out.length}`);
    this.followResetLine();
    if (!this._displayOn || this._sleeping || this.inReset()) {
      out.fill(0);
      for (let i = 3; i < out.length; i += 4) out[i] = 255;
      return out;
    }
    const invert = this.inverted !== (this.options.ipsPanel ?? true);
    const bgr = (this.madctl & MADCTL.BGR) !== 0;
    const rotate = (this.options.viewRotation ?? 180) === 180;
    for (let py = 0; py < PANEL; py++) {
      for (let px = 0; px < PANEL; px++) {
        let v = this.ram[py * RAM_W + px]!;
        if (invert) v = ~v & 0xffff;
        const r5 = (v >> 11) & 0x1f;
        const g6 = (v >> 5) & 0x3f;
        const b5 = v & 0x1f;
        const vx = rotate ? PANEL - 1 - px : px;
        const vy = rotate ? PANEL - 1 - py : py;
        const o = (vy * PANEL + vx) * 4;
        const r = (r5 << 3) | (r5 >> 2);
        const b = (b5 << 3) | (b5 >> 2);
        out[o] = bgr ? b : r;
        out[o + 1] = (g6 << 2) | (g6 >> 4);
        out[o + 2] = bgr ? r : b;
        out[o + 3] = 255;
      }
    }
    return out;
  }

  /** The viewer's image as a PNG file's bytes. */
  toPng(): Buffer {
    // pngjs loads on the first picture asked for, not with the emulator (at boot, on the main thread).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PNG } = require('pngjs') as typeof import('pngjs');
    const png = new PNG({ width: PANEL, height: PANEL });
    png.data = Buffer.from(this.readRgba().buffer);
    return PNG.sync.write(png);
  }

  private now(): number {
    return this.options.clock.now();
  }

  private inReset(): boolean {
    return this.options.gpio.level(this.options.rstOffset) === 0;
  }

  /** A low pulse on RST since the last transfer is a hardware reset; its release starts the 5 ms wait. */
  private followResetLine(): void {
    const gpio = this.options.gpio;
    const history = gpio.history(this.options.rstOffset);
    const total = gpio.writeCount(this.options.rstOffset);
    const first = total - history.length; // the chip keeps the latest writes only
    for (this.rstSeen = Math.max(this.rstSeen, first); this.rstSeen < total; this.rstSeen++) {
      const entry = history[this.rstSeen - first]!;
      if (entry.value === 0) {
        this.powerOnState();
        this._hardwareResets++;
      } else {
        this.resetAt = entry.timeMs;
      }
    }
  }

  private powerOnState(): void {
    this.writing = false;
    this.current = undefined;
    this.highByte = -1;
    this.colStart = 0;
    this.colEnd = RAM_W - 1;
    this.rowStart = 0;
    this.rowEnd = RAM_H - 1;
    this.madctl = 0;
    this.colmod = 0x66;
    this.inverted = false;
    this._sleeping = true;
    this._displayOn = false;
  }

  private command(byte: number): void {
    const now = this.now();
    const name = `command 0x${byte.toString(16).padStart(2, '0')} at ${now.toFixed(1)} ms`;
    const early = (since: number, need: number, what: string): boolean => {
      if (now - since >= need) return false;
      this.problems.push(`${name}: ${(now - since).toFixed(1)} ms after ${what}, expected >= ${need} ms (ignored)`);
      return true;
    };
    this.writing = false;
    this.highByte = -1;
    if (early(this.resetAt, 5, 'RST release') || early(this.swresetAt, 5, 'SWRESET') || early(this.slpoutAt, 5, 'SLPOUT')) {
      this.current = undefined;
      return;
    }
    if (byte === ST7789.SLPOUT && (early(this.resetAt, 120, 'RST release') || early(this.swresetAt, 120, 'SWRESET'))) {
      this.current = undefined;
      return;
    }
    const entry: ParsedCommand = { command: byte, params: [], timeMs: now };
    this.current = entry;
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    switch (byte) {
      case ST7789.SWRESET:
        this.powerOnState();
        this.swresetAt = now;
        break;
      case ST7789.SLPIN:
        this._sleeping = true;
        break;
      case ST7789.SLPOUT:
        this._sleeping = false;
        this.slpoutAt = now;
        break;
      case ST7789.INVON:
        this.inverted = true;
        break;
      case ST7789.INVOFF:
        this.inverted = false;
        break;
      case ST7789.DISPON:
        this._displayOn = true;
        break;
      case ST7789.DISPOFF:
        this._displayOn = false;
        break;
      case ST7789.RAMWR:
        this.writing = true;
        this.col = this.colStart;
        this.row = this.rowStart;
        entry.pixels = 0;
        break;
      default:
        break;
    }
  }

  private data(bytes: Uint8Array): void {
    const entry = this.current;
    if (!entry) return;
    if (this.writing) {
      this.pixels(bytes, entry);
      return;
    }
    for (const b of bytes) entry.params.push(b);
    const p = entry.params;
    switch (entry.command) {
      case ST7789.CASET:
        if (p.length === 4) [this.colStart, this.colEnd] = [(p[0]! << 8) | p[1]!, (p[2]! << 8) | p[3]!];
        break;
      case ST7789.RASET:
        if (p.length === 4) [this.rowStart, this.rowEnd] = [(p[0]! << 8) | p[1]!, (p[2]! << 8) | p[3]!];
        break;
      case ST7789.MADCTL:
        if (p.length === 1) this.madctl = p[0]!;
        break;
      case ST7789.COLMOD:
        if (p.length === 1) this.colmod = p[0]!;
        break;
      default:
        break;
    }
  }

  private pixels(bytes: Uint8Array, entry: ParsedCommand): void {
    if (this._sleeping || (this.colmod & 0x07) !== 0x05) {
      this._rejected += bytes.length;
      return;
    }
    const before = entry.pixels ?? 0;
    let count = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (this.highByte < 0) {
        this.highByte = bytes[i]!;
        continue;
      }
      this.store((this.highByte << 8) | bytes[i]!);
      this.highByte = -1;
      count++;
    }
    entry.pixels = before + count;
    if (before === 0 && count > 0) this._frames++;
  }

  /**
   * Maps the address counters to the frame memory through MADCTL: MV exchanges them (CASET then
   * drives the 320 rows), then MX mirrors the 240 columns and MY the 320 rows. This is what lets
   * Pimoroni's MADCTL 0x70 fill a 240x240 glass with no offset, and MY|MX need the row offset 80.
   */
  private store(value: number): void {
    const mv = (this.madctl & MADCTL.MV) !== 0;
    let x = mv ? this.row : this.col;
    let y = mv ? this.col : this.row;
    if (this.madctl & MADCTL.MX) x = RAM_W - 1 - x;
    if (this.madctl & MADCTL.MY) y = RAM_H - 1 - y;
    if (x >= 0 && x < RAM_W && y >= 0 && y < RAM_H) this.ram[y * RAM_W + x] = value;
    if (++this.col > this.colEnd) {
      this.col = this.colStart;
      if (++this.row > this.rowEnd) this.row = this.rowStart;
    }
  }
}
