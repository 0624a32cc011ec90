import type { Clock } from '../../scheduler/clock';
import type { I2cChipEmulator } from '../i2c/i2c-chip-emulator';
import { CODE_BITS, CONFIG_RESET, DATA_RATES, OS_BIT, PGA_VOLTS, WAKE_UP_MS, type AdsVariant } from './ads1x15-registers';

export interface Ads1x15EmulatorOptions {
  readonly variant?: AdsVariant;
  /** Breakout divider: jack = pin difference x ratio + reference. */
  readonly dividerRatio?: number;
  /** Volts on AIN3, the breakout's reference node. */
  readonly referenceVolts?: number;
  /**
   * The four input pins' volts (AIN0..AIN3), when they live elsewhere: shared memory, so that a
   * panel in one thread drives the chip a driver reads in another, as wires would. Left as they
   * are; without it the chip has its own pins, at the reference.
   */
  readonly pins?: Float64Array;
}

/**
 * An ADS1015 (or ADS1115) at register level. Models the pointer register, the config fields
 * (OS/MUX/PGA/MODE/DR/COMP), conversion time per data rate on the injected clock, the OS busy/idle
 * bit (OS=1 written while converting is ignored), the 12-bit left-justified (or 16-bit) big-endian
 * result, and continuous mode. Inputs are sampled when a conversion starts.
 *
 * Test controls: `setPinVolts(pin, v)` for AIN0..AIN3; `setJackVolts(channel, v)` through the
 * breakout's divider against AIN3; `stuckBits(mask, value)` forces conversion bits; `forceConversion`
 * replaces the result register (out-of-range codes); `conversionsStarted` counts conversions.
 */
export class Ads1x15Emulator implements I2cChipEmulator {
  readonly variant: AdsVariant;
  private readonly dividerRatio: number;
  private readonly referenceVolts: number;
  private readonly pins: Float64Array;
  private pointer = 0;
  private config = CONFIG_RESET;
  private loThresh = 0x8000;
  private hiThresh = 0x7fff;
  private conversion = 0;
  private busyUntil = -Infinity;
  private pendingCode: number | undefined;
  private continuousSince: number | undefined;
  private stuck = { mask: 0, value: 0 };
  private forced: number | undefined;
  private started = 0;

  constructor(
    private readonly clock: Clock,
    options: Ads1x15EmulatorOptions = {},
  ) {
    this.variant = options.variant ?? 'ads1015';
    this.dividerRatio = options.dividerRatio ?? (8.06e6 + 402e3) / 402e3;
    this.referenceVolts = options.referenceVolts ?? 1.241;
    if (options.pins && options.pins.length !== 4) throw new RangeError(`an ADS1x15 has 4 input pins, not ${options.pins.length}`);
    this.pins = options.pins ?? new Float64Array(4).fill(this.referenceVolts);
  }

  // ---- test controls ----

  setPinVolts(pin: number, volts: number): void {
    if (!(pin >= 0 && pin <= 3)) throw new RangeError(`AIN${pin} does not exist (0..3)`);
    this.pins[pin] = volts;
  }

  pinVolts(pin: number): number {
    return this.pins[pin]!;
  }

  /** Sets the voltage at the breakout jack wired to AIN`channel` (0..2), through the divider. */
  setJackVolts(channel: number, jackVolts: number): void {
    if (!(channel >= 0 && channel <= 2)) throw new RangeError(`jack channel ${channel} does not exist (0..2)`);
    this.pins[channel] = this.pins[3]! + (jackVolts - this.referenceVolts) / this.dividerRatio;
  }

  /** Bits in `mask` of every conversion result read back as in `value` (a stuck data line). */
  stuckBits(mask: number, value: number): void {
    this.stuck = { mask: mask & 0xffff, value: value & 0xffff };
  }

  /** Replaces the conversion register's content (undefined: back to real conversions). */
  forceConversion(raw: number | undefined): void {
    this.forced = raw === undefined ? undefined : raw & 0xffff;
  }

  /** How many conversions have started since power-up. */
  get conversionsStarted(): number {
    return this.started;
  }

  /** The config register as stored (OS shown as the status bit). */
  get configRegister(): number {
    return this.readRegister(1);
  }

  // ---- the wire ----

  onWrite(bytes: Uint8Array): void {
    this.settle();
    if (bytes.length === 0) return;
    this.pointer = bytes[0]! & 0x03;
    if (bytes.length < 3) return; // pointer-only write (or a truncated one the chip ignores)
    this.writeRegister(this.pointer, (bytes[1]! << 8) | bytes[2]!);
  }

  onRead(length: number): Uint8Array {
    this.settle();
    const word = this.readRegister(this.pointer);
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = i % 2 === 0 ? word >> 8 : word & 0xff;
    return out;
  }

  // ---- the chip ----

  private get sps(): number {
    return DATA_RATES[this.variant][(this.config >> 5) & 0x7]!;
  }

  private get conversionMs(): number {
    return 1000 / this.sps;
  }

  private writeRegister(reg: number, value: number): void {
    if (reg === 0) return; // conversion register is read-only
    if (reg === 2) this.loThresh = value;
    if (reg === 3) this.hiThresh = value;
    if (reg !== 1) return;
    const busy = this.clock.now() < this.busyUntil;
    this.config = value & ~OS_BIT;
    const singleShot = (value & 0x0100) !== 0;
    if (!singleShot) {
      this.continuousSince = this.clock.now();
      this.started++;
      return;
    }
    this.continuousSince = undefined;
    if ((value & OS_BIT) !== 0 && !busy) {
      this.pendingCode = this.sample();
      this.busyUntil = this.clock.now() + WAKE_UP_MS + this.conversionMs;
      this.started++;
    }
  }

  private readRegister(reg: number): number {
    if (reg === 0) {
      const raw = this.forced ?? this.conversion;
      return ((raw & ~this.stuck.mask) | (this.stuck.value & this.stuck.mask)) & 0xffff;
    }
    if (reg === 2) return this.loThresh;
    if (reg === 3) return this.hiThresh;
    const idle = this.continuousSince === undefined && this.clock.now() >= this.busyUntil;
    return (this.config | (idle ? OS_BIT : 0)) & 0xffff;
  }

  /** Completes a finished single-shot conversion; refreshes a continuous one. */
  private settle(): void {
    const now = this.clock.now();
    if (this.pendingCode !== undefined && now >= this.busyUntil) {
      this.conversion = this.pendingCode;
      this.pendingCode = undefined;
    }
    if (this.continuousSince !== undefined && now - this.continuousSince >= this.conversionMs) {
      this.conversion = this.sample();
    }
  }

  /** Converts the selected input now, as the register holds it (left-justified two's complement). */
  private sample(): number {
    const mux = (this.config >> 12) & 0x7;
    const fullScale = PGA_VOLTS[(this.config >> 9) & 0x7]!;
    const [p, n] = [
      [0, 1],
      [0, 3],
      [1, 3],
      [2, 3],
      [0, -1],
      [1, -1],
      [2, -1],
      [3, -1],
    ][mux]!;
    const volts = this.pins[p!]! - (n! < 0 ? 0 : this.pins[n!]!);
    const bits = CODE_BITS[this.variant];
    const max = 2 ** (bits - 1);
    const code = Math.max(-max, Math.min(max - 1, Math.round((volts / fullScale) * max)));
    return ((code << (16 - bits)) & 0xffff) >>> 0;
  }
}
