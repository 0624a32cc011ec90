import { NeurorackError } from '../../errors/neurorack-error';
import type { Clock, TimerHandle } from '../../scheduler/clock';
import type { DeviceHealth } from '../device';
import type { I2cBus } from '../i2c/i2c-bus';
import { hexAddress } from '../i2c/i2c-error';
import { RetryBackoff } from '../i2c/retry-backoff';
import {
  DATA_RATES,
  OS_BIT,
  REG_CONFIG,
  REG_CONVERSION,
  WAKE_UP_MS,
  dataRateCode,
  muxAgainstAin3,
  pgaCode,
  singleShotConfig,
  type AdsVariant,
} from './ads1x15-registers';
import type { AdcTap, AdcTapReading, CvAdc, CvJackReading, CvScan } from './cv-adc';
import { DEFAULT_REFERENCE_VOLTS, type CvAdcConfig, type CvJackConfig } from './cv-adc-config';
import { calibrateJack, codeToPinVolts, decodeConversion, pinToJackVolts } from './cv-conversion';

export interface Ads1x15CvAdcOptions {
  readonly config: CvAdcConfig;
  readonly bus: I2cBus;
  readonly clock: Clock;
  readonly binding: 'real' | 'emulated';
  readonly id?: string;
  /** Volts of the breakout's reference on AIN3. */
  readonly referenceVolts?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  /** OS polls after the expected conversion time before a conversion counts as failed. */
  readonly maxPolls?: number;
}

interface ChipState {
  readonly address: number;
  readonly variant: AdsVariant;
  readonly dr: number;
  readonly channels: number[];
  readonly backoff: RetryBackoff;
  seen: boolean;
  lastError: string | undefined;
}

interface Held {
  volts: number;
  timeMs: number;
}

/**
 * The CV inputs through ADS1015/ADS1115 chips on one I2C bus. Per channel a scan costs three
 * transactions: one config write that sets MUX and OS together (starting the conversion), OS polls
 * as plain reads (the pointer already points at config), then one pointer+read of the result.
 * Chips convert in parallel: each round starts one channel on every chip, then waits once.
 */
export class Ads1x15CvAdc implements CvAdc {
  readonly kind = 'cv-adc' as const;
  readonly id: string;
  readonly binding: 'real' | 'emulated';
  readonly address: string;
  private readonly config: CvAdcConfig;
  private readonly bus: I2cBus;
  private readonly clock: Clock;
  private readonly referenceVolts: number;
  private readonly maxPolls: number;
  private readonly backoffOptions: { baseMs: number; maxMs: number };
  private readonly taps: AdcTap[] = [];
  private readonly listeners = new Set<(scan: CvScan) => void>();
  private readonly heldJacks = new Map<number, Held>();
  private readonly heldTaps = new Map<string, Held>();
  private chips = new Map<number, ChipState>();
  private last: CvScan;
  private inflight: Promise<CvScan> | undefined;
  private timer: TimerHandle | undefined;
  private opened = false;
  private closed = false;

  constructor(options: Ads1x15CvAdcOptions) {
    this.config = options.config;
    this.bus = options.bus;
    this.clock = options.clock;
    this.binding = options.binding;
    this.id = options.id ?? 'cv-adc';
    this.referenceVolts = options.referenceVolts ?? DEFAULT_REFERENCE_VOLTS;
    this.maxPolls = options.maxPolls ?? 10;
    this.backoffOptions = options.backoff ?? { baseMs: 5, maxMs: 1000 };
    this.address = `i2c-${this.config.bus} ${this.config.chips.map((c) => hexAddress(c.address)).join(',')}`;
    this.last = { timeMs: this.clock.now(), jacks: [], taps: [] };
  }

  addTap(tap: AdcTap): void {
    if (this.opened) throw new Error(`cv-adc: tap ${tap.id} added after open()`);
    this.taps.push(tap);
  }

  async open(): Promise<void> {
    if (this.opened) return;
    this.validate();
    pgaCode(this.config.pgaVolts);
    for (const chip of this.config.chips) {
      const channels = new Set<number>();
      for (const j of this.config.jacks) if (j.chip === chip.address) channels.add(j.channel);
      for (const t of this.taps) if (t.chip === chip.address) channels.add(t.channel);
      this.chips.set(chip.address, {
        address: chip.address,
        variant: chip.variant,
        dr: dataRateCode(chip.variant, this.config.dataRate),
        channels: [...channels].sort((a, b) => a - b),
        backoff: new RetryBackoff(this.backoffOptions.baseMs, this.backoffOptions.maxMs),
        seen: false,
        lastError: undefined,
      });
    }
    this.opened = true;
    for (const chip of this.chips.values()) {
      try {
        await this.bus.writeRead(chip.address, Uint8Array.of(REG_CONFIG), 2);
        chip.seen = true;
      } catch (err) {
        this.fail(chip, `no ${chip.variant} answers: ${(err as Error).message}`);
      }
    }
    this.last = this.compose(new Map(), this.clock.now());
  }

  health(): DeviceHealth {
    const failing = [...this.chips.values()].filter((c) => c.backoff.failing);
    if (failing.length === 0) return { status: 'ok', detail: this.address };
    const status = failing.every((c) => !c.seen) && failing.length === this.chips.size ? 'missing' : 'degraded';
    const detail = failing.map((c) => `${hexAddress(c.address)} ${c.seen ? 'failing' : 'missing'}: ${c.lastError}`).join('; ');
    return { status, detail: `i2c-${this.config.bus} ${detail}` };
  }

  latest(): CvScan {
    return this.last;
  }

  onScan(listener: (scan: CvScan) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  scan(): Promise<CvScan> {
    if (!this.inflight) {
      this.inflight = this.runScan().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  start(): void {
    if (this.timer || this.closed) return;
    const period = 1000 / this.config.scanHz;
    let due = this.clock.now() + period;
    const tick = (): void => {
      due += period;
      this.timer = this.clock.setTimer(tick, Math.max(0, due - this.clock.now()));
      if (!this.inflight) void this.scan();
    };
    this.timer = this.clock.setTimer(tick, period);
  }

  stop(): void {
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop();
    // An in-flight scan may wait on the clock: it is not awaited, it ends on its own. The bus is
    // shared with other devices and closed by whoever opened it.
    this.listeners.clear();
  }

  private validate(): void {
    const addresses = new Set(this.config.chips.map((c) => c.address));
    const where = (i: number, kind: string) => ({ device: this.id, pointer: `/devices/cvAdc/${kind}/${i}` });
    const jacks = new Set<number>();
    this.config.jacks.forEach((j, i) => {
      if (!addresses.has(j.chip)) {
        throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', `CV jack ${j.jack} names chip ${hexAddress(j.chip)}, which is not in devices.cvAdc.chips (${[...addresses].map(hexAddress).join(', ')})`, where(i, 'jacks'));
      }
      if (jacks.has(j.jack)) throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', `CV jack ${j.jack} is configured twice`, where(i, 'jacks'));
      jacks.add(j.jack);
    });
    for (const t of this.taps) {
      if (!addresses.has(t.chip)) {
        throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', `${t.id} reads chip ${hexAddress(t.chip)}, which is not in devices.cvAdc.chips (${[...addresses].map(hexAddress).join(', ')})`, { device: t.id });
      }
    }
  }

  private async runScan(): Promise<CvScan> {
    if (!this.opened || this.closed) return this.last;
    const started = this.clock.now();
    const active = [...this.chips.values()].filter((c) => c.backoff.due(started) && c.channels.length > 0);
    const values = new Map<string, Held>();
    const failed = new Set<ChipState>();
    const rounds = Math.max(0, ...active.map((c) => c.channels.length));
    try {
      for (let r = 0; r < rounds; r++) {
        const chips = active.filter((c) => !failed.has(c) && r < c.channels.length);
        await this.convertRound(chips, r, values, failed);
      }
    } catch (err) {
      // Nothing may escape into the scheduler; an unexpected failure fails every chip this scan.
      for (const c of active) failed.add(c), (c.lastError = `unexpected: ${(err as Error).message}`);
    }
    for (const chip of active) {
      if (failed.has(chip)) this.fail(chip, chip.lastError ?? 'failed');
      else {
        chip.backoff.succeeded();
        chip.seen = true;
        chip.lastError = undefined;
      }
    }
    const scan = this.compose(values, this.clock.now());
    this.last = scan;
    for (const listener of this.listeners) {
      try {
        listener(scan);
      } catch {
        // A listener's bug must not stop the scans.
      }
    }
    return scan;
  }

  private async convertRound(chips: ChipState[], round: number, values: Map<string, Held>, failed: Set<ChipState>): Promise<void> {
    const pga = pgaCode(this.config.pgaVolts);
    const started: ChipState[] = [];
    for (const chip of chips) {
      const word = singleShotConfig(muxAgainstAin3(chip.channels[round]!), pga, chip.dr);
      try {
        await this.bus.write(chip.address, Uint8Array.of(REG_CONFIG, word >> 8, word & 0xff));
        started.push(chip);
      } catch (err) {
        this.markFailed(chip, failed, `config write failed: ${(err as Error).message}`);
      }
    }
    if (started.length === 0) return;
    const longest = Math.max(...started.map((c) => 1000 / DATA_RATES[c.variant][c.dr]!));
    await this.clock.sleep(WAKE_UP_MS + longest * 1.05);
    for (const chip of started) {
      const channel = chip.channels[round]!;
      try {
        const convMs = 1000 / DATA_RATES[chip.variant][chip.dr]!;
        let ready = false;
        for (let poll = 0; poll < this.maxPolls && !ready; poll++) {
          if (poll > 0) await this.clock.sleep(Math.max(0.05, convMs * 0.1));
          const cfg = await this.bus.read(chip.address, 2);
          ready = ((cfg[0]! << 8) & OS_BIT) !== 0;
        }
        if (!ready) {
          this.markFailed(chip, failed, `AIN${channel}: conversion still busy after ${this.maxPolls} polls (OS bit stayed 0)`);
          continue;
        }
        const raw = await this.bus.writeRead(chip.address, Uint8Array.of(REG_CONVERSION), 2);
        const decoded = decodeConversion(chip.variant, (raw[0]! << 8) | raw[1]!);
        if ('error' in decoded) {
          this.markFailed(chip, failed, `AIN${channel}: out-of-range ${decoded.error}`);
          continue;
        }
        const pinVolts = codeToPinVolts(chip.variant, decoded.code, this.config.pgaVolts);
        values.set(`${chip.address}:${channel}`, {
          volts: pinToJackVolts(pinVolts, this.config.dividerRatio, this.referenceVolts),
          timeMs: this.clock.now(),
        });
      } catch (err) {
        this.markFailed(chip, failed, `AIN${channel}: ${(err as Error).message}`);
      }
    }
  }

  private markFailed(chip: ChipState, failed: Set<ChipState>, why: string): void {
    failed.add(chip);
    chip.lastError = why;
  }

  private fail(chip: ChipState, why: string): void {
    chip.lastError = why;
    chip.backoff.failed(this.clock.now());
  }

  /** Builds a scan from this scan's fresh values and the held ones. */
  private compose(values: Map<string, Held>, timeMs: number): CvScan {
    const jacks: CvJackReading[] = [...this.config.jacks]
      .sort((a, b) => a.jack - b.jack)
      .map((j: CvJackConfig) => {
        const fresh = values.get(`${j.chip}:${j.channel}`);
        if (fresh) this.heldJacks.set(j.jack, { volts: calibrateJack(fresh.volts, j), timeMs: fresh.timeMs });
        const held = this.heldJacks.get(j.jack) ?? { volts: calibrateJack(0, { range: j.range, calibration: { offset: 0, gain: 1 } }), timeMs };
        return { jack: j.jack, volts: held.volts, timeMs: held.timeMs, fresh: fresh !== undefined };
      });
    const taps: AdcTapReading[] = this.taps.map((t) => {
      const fresh = values.get(`${t.chip}:${t.channel}`);
      if (fresh) this.heldTaps.set(t.id, fresh);
      const held = this.heldTaps.get(t.id) ?? { volts: 0, timeMs };
      return { id: t.id, volts: held.volts, timeMs: held.timeMs, fresh: fresh !== undefined };
    });
    return { timeMs, jacks, taps };
  }
}
