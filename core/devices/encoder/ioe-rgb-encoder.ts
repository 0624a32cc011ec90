import { NeurorackError } from '../../errors/neurorack-error';
import type { Clock, TimerHandle } from '../../scheduler/clock';
import type { DeviceHealth } from '../device';
import type { I2cBus } from '../i2c/i2c-bus';
import { hexAddress } from '../i2c/i2c-error';
import { RetryBackoff } from '../i2c/retry-backoff';
import { SerialQueue } from '../i2c/serial-queue';
import { CountExtender } from './count-extender';
import type { EncoderConfig } from './encoder-config';
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
  REG_PNP,
  REG_PORT,
  REG_PWMCON0,
  REG_PWMCON1,
  REG_PWMPH,
  REG_PWMPL,
  REG_PWM_DUTY_H,
  REG_PWM_DUTY_L,
  REG_USER_FLASH,
  USER_FLASH_READY,
  modeRegisters,
  pwmDividerCode,
  type IoePin,
  type PinMode,
} from './ioe-registers';
import type { RgbEncoder, TurnEvent } from './rgb-encoder';

export interface IoeRgbEncoderOptions {
  readonly config: EncoderConfig;
  readonly bus: I2cBus;
  readonly clock: Clock;
  readonly binding: 'real' | 'emulated';
  readonly id?: string;
  /** PWM period in PWM clocks: full brightness at duty = period. */
  readonly pwmPeriod?: number;
  /** PWM clock divider (1..128, a power of two); Pimoroni's example uses 2 against flicker. */
  readonly pwmDivider?: number;
  /** Polls of 0xD0 (1 ms apart) before a reset counts as failed; likewise for PWM LOAD. */
  readonly maxWaitPolls?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
}

const MODE_BITS: Record<PinMode, [number, number]> = {
  quasi: [0, 0],
  'push-pull': [0, 1],
  input: [1, 0],
  'open-drain': [1, 1],
};

/** A setup failure that is the chip's identity, not the wire: not worth a quick retry. */
class WrongChip extends Error {}

/**
 * The RGB encoder breakout (MS51 IO Expander firmware) over an I2C bus: one register per
 * transaction, as Pimoroni's ioe-python does. Setup as v1: chip id check, reset, encoder channel 1
 * on pins a/b (common pin driven low, open drain), LED pins as inverted PWM outputs.
 */
export class IoeRgbEncoder implements RgbEncoder {
  readonly kind = 'encoder' as const;
  readonly id: string;
  readonly binding: 'real' | 'emulated';
  readonly address: string;
  private readonly config: EncoderConfig;
  private readonly bus: I2cBus;
  private readonly clock: Clock;
  private readonly pwmPeriod: number;
  private readonly pwmDivider: number;
  private readonly maxWaitPolls: number;
  private readonly backoff: RetryBackoff;
  private readonly ops = new SerialQueue();
  private readonly listeners = new Set<(event: TurnEvent) => void>();
  private readonly extender = new CountExtender();
  private ready = false;
  private everReady = false;
  private problem: string | undefined;
  private color: [number, number, number] = [0, 0, 0];
  private colorApplied = true;
  private timer: TimerHandle | undefined;
  private polling = false;
  private closed = false;

  constructor(options: IoeRgbEncoderOptions) {
    this.config = options.config;
    this.bus = options.bus;
    this.clock = options.clock;
    this.binding = options.binding;
    this.id = options.id ?? 'encoder';
    this.pwmPeriod = options.pwmPeriod ?? 255;
    this.pwmDivider = options.pwmDivider ?? 2;
    this.maxWaitPolls = options.maxWaitPolls ?? 100;
    const b = options.backoff ?? { baseMs: 10, maxMs: 1000 };
    this.backoff = new RetryBackoff(b.baseMs, b.maxMs);
    this.address = `i2c-${this.config.bus} ${hexAddress(this.config.address)}`;
  }

  async open(): Promise<void> {
    this.validate();
    await this.ops.run(() => this.tryInit());
  }

  health(): DeviceHealth {
    if (this.ready && !this.backoff.failing) return { status: 'ok', detail: `${this.address} MS51 IO Expander` };
    return { status: this.everReady ? 'degraded' : 'missing', detail: `${this.address}: ${this.problem ?? 'not set up'}` };
  }

  onTurn(listener: (event: TurnEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  position(): number {
    return this.extender.position;
  }

  poll(): Promise<void> {
    return this.ops.run(() => this.pollOnce());
  }

  start(): void {
    if (this.timer || this.closed) return;
    const tick = (): void => {
      this.timer = this.clock.setTimer(tick, this.config.pollMs);
      if (this.polling) return;
      this.polling = true;
      void this.poll().finally(() => {
        this.polling = false;
      });
    };
    this.timer = this.clock.setTimer(tick, this.config.pollMs);
  }

  stop(): void {
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  setColor(r: number, g: number, b: number): Promise<void> {
    const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(Number.isFinite(v) ? v : 0)));
    this.color = [clamp(r), clamp(g), clamp(b)];
    this.colorApplied = false;
    return this.ops.run(async () => {
      if (!this.ready || this.colorApplied) return;
      await this.guard(() => this.writeColor());
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop();
    // Queued work may wait on the clock: not awaited. The bus is closed by whoever opened it.
    this.listeners.clear();
  }

  // ---- setup ----

  private validate(): void {
    const where = (field: string) => ({ device: this.id, pointer: `/devices/encoder/${field}` });
    const { pins, ledPins } = this.config;
    const used = [pins.a, pins.b, pins.common, ledPins.r, ledPins.g, ledPins.b];
    if (new Set(used).size !== used.length) {
      throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', `encoder pins and LED pins must be six different breakout pins, got a=${pins.a} b=${pins.b} common=${pins.common} r=${ledPins.r} g=${ledPins.g} b=${ledPins.b}`, where('pins'));
    }
    for (const [name, pin] of Object.entries(ledPins)) {
      if (!IOE_PINS[pin - 1]?.pwm) {
        throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', `LED pin ${name}=${pin} cannot do PWM (PWM pins: 1-9, 12)`, where(`ledPins/${name}`));
      }
    }
  }

  private async tryInit(): Promise<void> {
    if (this.closed) return;
    try {
      await this.init();
      this.ready = true;
      this.everReady = true;
      this.problem = undefined;
      this.backoff.succeeded();
    } catch (err) {
      this.ready = false;
      this.problem = err instanceof WrongChip ? err.message : `no answer during setup: ${(err as Error).message}`;
      this.backoff.failed(this.clock.now());
    }
  }

  private async init(): Promise<void> {
    const id = ((await this.readReg(REG_CHIP_ID_H)) << 8) | (await this.readReg(REG_CHIP_ID_L));
    if (id !== IOE_CHIP_ID) {
      throw new WrongChip(`chip id reads 0x${id.toString(16).padStart(4, '0').toUpperCase()}, expected 0x${IOE_CHIP_ID.toString(16).toUpperCase()} (Nuvoton MS51 IO Expander): wrong device at this address?`);
    }
    await this.setBits(REG_CTRL, CTRL_RESET);
    await this.waitFor(async () => (await this.readReg(REG_USER_FLASH)) === USER_FLASH_READY, 'reset (0xD0 never read 0x78)');
    await this.setup();
  }

  /** Everything after reset: the encoder channel and the LED. Also used when the chip lost it. */
  private async setup(): Promise<void> {
    const { pins } = this.config;
    await this.setMode(pins.a, 'quasi', true);
    await this.setMode(pins.b, 'quasi', true);
    await this.setMode(pins.common, 'open-drain', false);
    await this.writeLatch(pins.common, 0);
    await this.writeReg(REG_ENC_CFG[0], (pins.a & 0x0f) | ((pins.b & 0x0f) << 4));
    const en = await this.readReg(REG_ENC_EN);
    await this.writeReg(REG_ENC_EN, (en & ~0x02) | 0x01);
    this.extender.rebase(await this.readReg(REG_ENC_COUNT[0]));

    await this.writeReg(REG_PWMPL, this.pwmPeriod & 0xff);
    await this.writeReg(REG_PWMPH, this.pwmPeriod >> 8);
    await this.writeReg(REG_PWMCON1, pwmDividerCode(this.pwmDivider));
    for (const pin of this.ledPinList()) {
      const pwm = IOE_PINS[pin - 1]!.pwm!;
      await this.setBits(pwm.piocon, 1 << pwm.channel);
      await this.setBits(REG_PNP, 1 << pwm.channel);
      await this.setMode(pin, 'push-pull', false);
    }
    await this.setBits(REG_PWMCON0, PWMCON0_RUN);
    await this.writeColor();
  }

  private ledPinList(): number[] {
    const { r, g, b } = this.config.ledPins;
    return [r, g, b];
  }

  /** Duty registers of all three channels, then one LOAD, waiting until the firmware clears it. */
  private async writeColor(): Promise<void> {
    const pins = this.ledPinList();
    const color = this.color;
    for (let i = 0; i < 3; i++) {
      const ch = IOE_PINS[pins[i]! - 1]!.pwm!.channel;
      const duty = Math.round((color[i]! * this.pwmPeriod) / 255);
      await this.writeReg(REG_PWM_DUTY_L[ch]!, duty & 0xff);
      await this.writeReg(REG_PWM_DUTY_H[ch]!, duty >> 8);
    }
    await this.setBits(REG_PWMCON0, PWMCON0_LOAD);
    await this.waitFor(async () => ((await this.readReg(REG_PWMCON0)) & PWMCON0_LOAD) === 0, 'PWM load (PWMCON0.LOAD never cleared)');
    if (this.color === color) this.colorApplied = true;
  }

  private async setMode(pin: number, mode: PinMode, schmitt: boolean): Promise<void> {
    const p: IoePin = IOE_PINS[pin - 1]!;
    const regs = modeRegisters(p.port);
    const [b1, b2] = MODE_BITS[mode];
    const m1 = await this.readReg(regs.m1);
    const m2 = await this.readReg(regs.m2);
    await this.writeReg(regs.m1, (m1 & ~(1 << p.bit)) | (b1 << p.bit));
    await this.writeReg(regs.m2, (m2 & ~(1 << p.bit)) | (b2 << p.bit));
    if (mode === 'quasi' || mode === 'input') {
      const s = await this.readReg(regs.schmitt);
      await this.writeReg(regs.schmitt, schmitt ? s | (1 << p.bit) : s & ~(1 << p.bit));
    }
    // Inputs with pull-up idle high: set the latch, as ioe-python's PIN_MODE_PU does.
    if (mode === 'quasi') await this.writeLatch(pin, 1);
  }

  private async writeLatch(pin: number, value: 0 | 1): Promise<void> {
    const p = IOE_PINS[pin - 1]!;
    await this.writeReg(REG_PORT[p.port], (value ? 0x08 : 0) | p.bit);
  }

  // ---- polling ----

  private async pollOnce(): Promise<void> {
    if (this.closed) return;
    const now = this.clock.now();
    if (!this.ready) {
      if (this.backoff.due(now)) await this.tryInit();
      return;
    }
    if (!this.backoff.due(now)) return;
    await this.guard(async () => {
      if (this.backoff.failing) await this.recover();
      const delta = this.extender.update(await this.readReg(REG_ENC_COUNT[0]));
      if (!this.colorApplied) await this.writeColor();
      if (delta !== 0) this.emit({ delta, position: this.extender.position, timeMs: this.clock.now() });
    });
  }

  /** Back after a fault: a chip that lost power lost its setup (and its count) too. */
  private async recover(): Promise<void> {
    const en = await this.readReg(REG_ENC_EN);
    if ((en & 0x01) === 0) await this.setup();
  }

  private async guard(job: () => Promise<void>): Promise<void> {
    try {
      await job();
      if (this.backoff.failing) this.problem = undefined;
      this.backoff.succeeded();
    } catch (err) {
      this.problem = `failing: ${(err as Error).message}`;
      this.backoff.failed(this.clock.now());
    }
  }

  private emit(event: TurnEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a listener's bug must not stop the encoder
      }
    }
  }

  // ---- registers ----

  private async readReg(reg: number): Promise<number> {
    const bytes = await this.bus.writeRead(this.config.address, Uint8Array.of(reg), 1);
    return bytes[0]!;
  }

  private writeReg(reg: number, value: number): Promise<void> {
    return this.bus.write(this.config.address, Uint8Array.of(reg, value & 0xff));
  }

  private async setBits(reg: number, bits: number): Promise<void> {
    await this.writeReg(reg, (await this.readReg(reg)) | bits);
  }

  private async waitFor(done: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < this.maxWaitPolls; i++) {
      if (await done()) return;
      await this.clock.sleep(1);
    }
    throw new Error(`timed out waiting for ${what}`);
  }
}
