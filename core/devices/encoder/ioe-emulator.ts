import type { Clock } from '../../scheduler/clock';
import type { I2cChipEmulator } from '../i2c/i2c-chip-emulator';
import {
  CTRL_RESET,
  IOE_CHIP_ID,
  IOE_PINS,
  PWMCON0_LOAD,
  PWMCON0_RUN,
  REG_CHIP_ID_H,
  REG_CHIP_ID_L,
  REG_CTRL,
  REG_ENC_CFG,
  REG_ENC_COUNT,
  REG_ENC_EN,
  REG_INT,
  REG_PNP,
  REG_PORT,
  REG_PWMCON0,
  REG_PWMPH,
  REG_PWMPL,
  REG_PWM_DUTY_H,
  REG_PWM_DUTY_L,
  REG_USER_FLASH,
  REG_VERSION,
  USER_FLASH_READY,
  modeRegisters,
} from './ioe-registers';

export interface IoeEmulatorOptions {
  /** Breakout pins the encoder is soldered to (A, B) and the LED's R, G, B pins. */
  readonly wiring?: { readonly a: number; readonly b: number };
  readonly ledWiring?: { readonly r: number; readonly g: number; readonly b: number };
  readonly version?: number;
  /** How long a reset keeps 0xD0 from reading 0x78, ms. */
  readonly resetMs?: number;
  /** How long the firmware takes to clear PWMCON0.LOAD after it is set, ms. */
  readonly loadMs?: number;
}

const BIT_ADDRESSED = new Set<number>(Object.values(REG_PORT));

/**
 * The MS51 IO Expander firmware at register level: chip id, reset through CTRL, bit-addressed
 * ports, pin modes, four encoder channels with 8-bit wrapping counts (only channel 1 is wired to a
 * knob, and it counts only when enabled and configured on the pins it is soldered to), and six PWM
 * channels whose period and duty take effect on LOAD, which the firmware clears. Multi-byte reads
 * and writes auto-increment the register (unverified on the real firmware; drivers use one byte).
 *
 * Test controls: `turn(detents)`, `ledColor()` (what the common-anode LED shows, 0..255),
 * `register(reg)`, `setChipId(id)`, `stuckBits(reg, mask, value)`, `powerCycle()`.
 */
export class IoeEmulator implements I2cChipEmulator {
  private readonly regs = new Uint8Array(256);
  private readonly counts = [0, 0, 0, 0];
  private readonly stuck = new Map<number, { mask: number; value: number }>();
  private readonly wiring: { a: number; b: number };
  private readonly ledWiring: { r: number; g: number; b: number };
  private readonly resetMs: number;
  private readonly loadMs: number;
  private readonly version: number;
  private chipId = IOE_CHIP_ID;
  private pointer = 0;
  private resetUntil = -Infinity;
  private loadUntil = -Infinity;
  private activePeriod = 0;
  private readonly activeDuty = [0, 0, 0, 0, 0, 0];

  constructor(
    private readonly clock: Clock,
    options: IoeEmulatorOptions = {},
  ) {
    this.wiring = { ...(options.wiring ?? { a: 12, b: 3 }) };
    this.ledWiring = { ...(options.ledWiring ?? { r: 1, g: 7, b: 2 }) };
    this.resetMs = options.resetMs ?? 0;
    this.loadMs = options.loadMs ?? 0;
    this.version = options.version ?? 1;
    this.powerOn();
  }

  // ---- test controls ----

  /** Turns the knob: positive clockwise (A leads B). */
  turn(detents: number): void {
    const en = this.regs[REG_ENC_EN]!;
    for (let ch = 0; ch < 4; ch++) {
      if (!(en & (1 << (2 * ch)))) continue;
      const cfg = this.regs[REG_ENC_CFG[ch]!]!;
      const a = cfg & 0x0f;
      const b = cfg >> 4;
      let sign = 0;
      if (a === this.wiring.a && b === this.wiring.b) sign = 1;
      else if (a === this.wiring.b && b === this.wiring.a) sign = -1;
      if (sign === 0) continue;
      const perDetent = en & (1 << (2 * ch + 1)) ? 4 : 1; // microsteps (unverified factor)
      this.counts[ch] = (this.counts[ch]! + sign * perDetent * detents) & 0xff;
      this.regs[REG_INT] = this.regs[REG_INT]! | 0x01;
    }
  }

  /** What the LED shows, 0..255 per colour (common anode: lit while its pin is low). */
  ledColor(): { r: number; g: number; b: number } {
    return { r: this.ledLevel(this.ledWiring.r), g: this.ledLevel(this.ledWiring.g), b: this.ledLevel(this.ledWiring.b) };
  }

  register(reg: number): number {
    return this.readRegister(reg & 0xff);
  }

  /** The raw 8-bit count of encoder channel 1..4. */
  count(channel = 1): number {
    return this.counts[channel - 1]!;
  }

  setChipId(id: number): void {
    this.chipId = id & 0xffff;
    this.regs[REG_CHIP_ID_L] = this.chipId & 0xff;
    this.regs[REG_CHIP_ID_H] = this.chipId >> 8;
  }

  /** Bits in `mask` of register `reg` read back as in `value` (a stuck line or bit). */
  stuckBits(reg: number, mask: number, value: number): void {
    if (mask === 0) this.stuck.delete(reg);
    else this.stuck.set(reg, { mask: mask & 0xff, value: value & 0xff });
  }

  /** Loses power and comes back: every register to its reset value, counts to 0. */
  powerCycle(): void {
    this.powerOn();
  }

  // ---- the wire ----

  onWrite(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pointer = bytes[0]!;
    for (let i = 1; i < bytes.length; i++) {
      this.writeRegister(this.pointer, bytes[i]!);
      this.pointer = (this.pointer + 1) & 0xff;
    }
  }

  onRead(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      out[i] = this.readRegister(this.pointer);
      this.pointer = (this.pointer + 1) & 0xff;
    }
    return out;
  }

  // ---- the firmware ----

  private powerOn(): void {
    this.regs.fill(0);
    this.counts.fill(0);
    this.activeDuty.fill(0);
    this.activePeriod = 0;
    this.loadUntil = -Infinity;
    this.setChipId(this.chipId);
    this.regs[REG_VERSION] = this.version;
    this.regs[REG_USER_FLASH] = USER_FLASH_READY;
    // Ports come up high (quasi-bidirectional with pull-ups), as on the 8051.
    for (const reg of Object.values(REG_PORT)) this.regs[reg] = 0xff;
  }

  private writeRegister(reg: number, value: number): void {
    if (this.clock.now() < this.resetUntil) return; // still booting: writes are lost
    if (reg === REG_CTRL && value & CTRL_RESET) {
      this.powerOn();
      this.resetUntil = this.clock.now() + this.resetMs;
      return;
    }
    if (BIT_ADDRESSED.has(reg)) {
      const bit = value & 0x07;
      this.regs[reg] = value & 0x08 ? this.regs[reg]! | (1 << bit) : this.regs[reg]! & ~(1 << bit);
      return;
    }
    const countIndex = REG_ENC_COUNT.indexOf(reg as (typeof REG_ENC_COUNT)[number]);
    if (countIndex >= 0) {
      this.counts[countIndex] = value;
      return;
    }
    if (reg === REG_CHIP_ID_L || reg === REG_CHIP_ID_H || reg === REG_VERSION || reg === REG_USER_FLASH) return;
    if (reg === REG_PWMCON0) {
      this.settleLoad();
      this.regs[reg] = value;
      if (value & PWMCON0_LOAD) {
        this.loadUntil = this.clock.now() + this.loadMs;
        this.settleLoad();
      }
      return;
    }
    this.regs[reg] = value;
  }

  private readRegister(reg: number): number {
    const now = this.clock.now();
    let value: number;
    if (now < this.resetUntil) value = 0;
    else {
      this.settleLoad();
      const countIndex = REG_ENC_COUNT.indexOf(reg as (typeof REG_ENC_COUNT)[number]);
      value = countIndex >= 0 ? this.counts[countIndex]! : this.regs[reg]!;
    }
    const s = this.stuck.get(reg);
    return s ? (value & ~s.mask) | (s.value & s.mask) : value;
  }

  /** The firmware copies period and duties into the PWM unit and clears LOAD. */
  private settleLoad(): void {
    if (!(this.regs[REG_PWMCON0]! & PWMCON0_LOAD) || this.clock.now() < this.loadUntil) return;
    this.activePeriod = (this.regs[REG_PWMPH]! << 8) | this.regs[REG_PWMPL]!;
    for (let ch = 0; ch < 6; ch++) this.activeDuty[ch] = (this.regs[REG_PWM_DUTY_H[ch]!]! << 8) | this.regs[REG_PWM_DUTY_L[ch]!]!;
    this.regs[REG_PWMCON0] = this.regs[REG_PWMCON0]! & ~PWMCON0_LOAD;
  }

  /** Fraction of time a pin is high, from its mode, PWM routing and port latch. */
  private pinHighFraction(pin: number): number {
    const p = IOE_PINS[pin - 1];
    if (!p) return 1;
    const { m1, m2 } = modeRegisters(p.port);
    const mode = (((this.regs[m1]! >> p.bit) & 1) << 1) | ((this.regs[m2]! >> p.bit) & 1);
    if (mode === 0b10) return 1; // input: not driven, the LED's anode pull keeps it dark
    if (p.pwm && this.regs[p.pwm.piocon]! & (1 << p.pwm.channel)) {
      this.settleLoad();
      const running = (this.regs[REG_PWMCON0]! & PWMCON0_RUN) !== 0;
      const duty = !running || this.activePeriod === 0 ? 0 : Math.min(1, this.activeDuty[p.pwm.channel]! / this.activePeriod);
      return this.regs[REG_PNP]! & (1 << p.pwm.channel) ? 1 - duty : duty;
    }
    const latch = (this.regs[REG_PORT[p.port]]! >> p.bit) & 1;
    return latch;
  }

  private ledLevel(pin: number): number {
    return Math.round((1 - this.pinHighFraction(pin)) * 255);
  }
}
