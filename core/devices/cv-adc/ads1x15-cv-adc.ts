import { NeurorackError } from '../../errors/neurorack-error';
import type { Clock, TimerHandle } from '../../scheduler/clock';
import type { DeviceHealth } from '../device';
import type { I2cBus } from '../i2c/i2c-bus';
import { hexAddress } from '../i2c/i2c-error';
import { REG_CONFIG, dataRateCode, pgaCode, type AdsVariant } from './ads1x15-registers';
import { Ads1x15Sequencer, type Conversion } from './ads1x15-sequencer';
import { budgetConversions, type ChipBudget } from './conversion-budget';
import type { AdcTap, AdcTapReading, CvAdc, CvJackReading, CvScan } from './cv-adc';
import { DEFAULT_REFERENCE_VOLTS, type CvAdcConfig, type CvJackConfig } from './cv-adc-config';
import { calibrateJack } from './cv-conversion';

export interface Ads1x15CvAdcOptions {
  readonly config: CvAdcConfig;
  readonly bus: I2cBus;
  readonly clock: Clock;
  readonly binding: 'real' | 'emulated';
  readonly id?: string;
  /** Volts of the breakout's reference on AIN3. */
  readonly referenceVolts?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
}

interface ChipPlan {
  readonly address: number;
  readonly variant: AdsVariant;
  readonly dr: number;
  /** Every channel a scan converts, in order. */
  readonly channels: number[];
}

interface Held {
  volts: number;
  timeMs: number;
}

interface PendingScan {
  /** Chip -> channels still to convert. */
  readonly pending: Map<number, Set<number>>;
  /** Conversions sampled before this (clock ms) are taken again (see scan()). */
  since: number;
  /** A polled jack's conversion sampled at or after this serves the scan, asked for or not. */
  from: number;
  readonly values: Map<string, Held>;
  readonly resolve: (scan: CvScan) => void;
}

const key = (chip: number, channel: number): string => `${chip}:${channel}`;

/**
 * The CV inputs through ADS1015/ADS1115 chips on one I2C bus. The conversions run through an
 * {@link Ads1x15Sequencer}: two transactions per conversion, chips in parallel, scans and polled
 * taps (the v1 gates) sharing each chip by due time. A scan asks for one conversion of each of its
 * channels and completes when they are in (or their chip failed).
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
  private readonly backoffOptions: { baseMs: number; maxMs: number };
  private readonly taps: AdcTap[] = [];
  private readonly tapsByChannel = new Map<string, AdcTap[]>();
  private readonly listeners = new Set<(scan: CvScan) => void>();
  private readonly tapListeners = new Set<(reading: AdcTapReading) => void>();
  private readonly heldJacks = new Map<number, Held>();
  private readonly heldTaps = new Map<string, Held>();
  /** Polled jack (chip:channel) -> its latest conversion, which a scan from an earlier time takes as it is. */
  private readonly polledReadings = new Map<string, Held>();
  private polling = false;
  /** Channels (chip:channel) the budget polls: taps, and jacks (with jackPollHz). */
  private readonly polled = new Set<string>();
  /** Of those, the CV jacks. */
  private readonly jackPolled = new Set<string>();
  private plan: ChipPlan[] = [];
  private budgets: ChipBudget[] = [];
  private sequencer: Ads1x15Sequencer | undefined;
  private last: CvScan;
  private inflight: Promise<CvScan> | undefined;
  private pendingScan: PendingScan | undefined;
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
    for (const t of this.taps) {
      const k = key(t.chip, t.channel);
      this.tapsByChannel.set(k, [...(this.tapsByChannel.get(k) ?? []), t]);
    }
    this.plan = this.config.chips.map((chip) => {
      const channels = new Set<number>();
      for (const j of this.config.jacks) if (j.chip === chip.address) channels.add(j.channel);
      for (const t of this.taps) if (t.chip === chip.address) channels.add(t.channel);
      return { address: chip.address, variant: chip.variant, dr: dataRateCode(chip.variant, this.config.dataRate), channels: [...channels].sort((a, b) => a - b) };
    });
    this.budgets = budgetConversions(
      this.plan.map((c) => {
        const polled = new Map<number, number>();
        for (const t of this.taps) {
          if (t.chip === c.address && (t.pollHz ?? 0) > 0) polled.set(t.channel, Math.max(polled.get(t.channel) ?? 0, t.pollHz!));
        }
        const polledJacks = new Map<number, number>();
        if (this.config.jackPollHz > 0) for (const j of this.config.jacks) if (j.chip === c.address) polledJacks.set(j.channel, this.config.jackPollHz);
        return { address: c.address, variant: c.variant, dr: c.dr, scanChannels: c.channels, polled, polledJacks };
      }),
      this.config.scanHz,
    );
    for (const b of this.budgets) for (const ch of b.polled.keys()) this.polled.add(key(b.address, ch));
    for (const j of this.config.jacks) if (this.polled.has(key(j.chip, j.channel))) this.jackPolled.add(key(j.chip, j.channel));
    this.sequencer = new Ads1x15Sequencer({
      bus: this.bus,
      clock: this.clock,
      chips: this.plan.map((c) => ({
        address: c.address,
        variant: c.variant,
        dr: c.dr,
        pollIntervals: new Map([...this.budgetOf(c.address).polled].map(([ch, p]) => [ch, p.intervalMs])),
      })),
      pgaVolts: this.config.pgaVolts,
      dividerRatio: this.config.dividerRatio,
      referenceVolts: this.referenceVolts,
      backoff: this.backoffOptions,
      onConversion: (c) => this.onConversion(c),
      onChipFailed: (chip) => this.onChipFailed(chip),
    });
    this.opened = true;
    for (const [address, chip] of this.sequencer.chips) {
      try {
        await this.bus.writeRead(address, Uint8Array.of(REG_CONFIG), 2);
        chip.seen = true;
      } catch (err) {
        this.sequencer.failChip(address, `no ${chip.spec.variant} answers: ${(err as Error).message}`);
      }
    }
    this.last = this.compose(new Map(), this.clock.now());
    this.updatePolling();
  }

  health(): DeviceHealth {
    const chips = [...(this.sequencer?.chips.values() ?? [])];
    const failing = chips.filter((c) => c.backoff.failing);
    if (failing.length === 0) return { status: 'ok', detail: this.address };
    const status = failing.every((c) => !c.seen) && failing.length === chips.length ? 'missing' : 'degraded';
    const detail = failing.map((c) => `${hexAddress(c.spec.address)} ${c.seen ? 'failing' : 'missing'}: ${c.lastError}`).join('; ');
    return { status, detail: `i2c-${this.config.bus} ${detail}` };
  }

  latest(): CvScan {
    return this.last;
  }

  onScan(listener: (scan: CvScan) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onTapReading(listener: (reading: AdcTapReading) => void): () => void {
    this.tapListeners.add(listener);
    this.updatePolling();
    return () => {
      this.tapListeners.delete(listener);
      this.updatePolling();
    };
  }

  tapPollHz(id: string): number {
    return this.polledHz(this.taps.find((t) => t.id === id));
  }

  jackPollHz(jack: number): number {
    return this.polledHz(this.config.jacks.find((x) => x.jack === jack));
  }

  /** The rate the budget grants a channel between scans (0: scanned only, or no such channel). */
  private polledHz(at: { readonly chip: number; readonly channel: number } | undefined): number {
    return (at && this.budgets.find((b) => b.address === at.chip)?.polled.get(at.channel)?.hz) ?? 0;
  }

  scan(sampledSince = -Infinity): Promise<CvScan> {
    if (!this.inflight) {
      this.inflight = this.runScan(sampledSince).finally(() => {
        this.inflight = undefined;
      });
    } else if (this.pendingScan && sampledSince > this.pendingScan.since) {
      this.resample(this.pendingScan, sampledSince);
      this.finishScanIfDone();
    }
    return this.inflight;
  }

  /**
   * A scan already running must hold only samples from `since` on: a polled jack converted since
   * then is taken as it is, the rest it sampled before (and a polled jack it waits for) is
   * converted again, ahead of the polls.
   */
  private resample(scan: PendingScan, since: number): void {
    const sequencer = this.sequencer!;
    scan.since = since;
    scan.from = since;
    const now = this.clock.now();
    for (const chip of this.plan) {
      const waiting = scan.pending.get(chip.address);
      const redo = chip.channels.filter((ch) => {
        const k = key(chip.address, ch);
        const stale = (scan.values.get(k)?.timeMs ?? Infinity) < since;
        const polledJack = this.jackPolledNow(k) && (stale || waiting?.has(ch) === true);
        return (stale || polledJack) && !this.takePolled(scan, chip.address, ch);
      });
      if (redo.length === 0 || !sequencer.demand(chip.address, redo, now)) continue;
      const pending = scan.pending.get(chip.address) ?? new Set<number>();
      for (const ch of redo) {
        scan.values.delete(key(chip.address, ch));
        pending.add(ch);
      }
      scan.pending.set(chip.address, pending);
    }
  }

  /** Whether `k` is a jack the chip polls now (the polls run while the taps have listeners). */
  private jackPolledNow(k: string): boolean {
    return this.polling && this.jackPolled.has(k);
  }

  /** Puts a polled jack's latest conversion into `scan` when it was sampled at `scan.from` or later; says whether it did. */
  private takePolled(scan: PendingScan, chip: number, channel: number): boolean {
    const k = key(chip, channel);
    const reading = this.polledReadings.get(k);
    if (!this.jackPolledNow(k) || !reading || reading.timeMs < scan.from) return false;
    scan.values.set(k, reading);
    const pending = scan.pending.get(chip);
    pending?.delete(channel);
    if (pending?.size === 0) scan.pending.delete(chip);
    return true;
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
    // The bus is shared with other devices and closed by whoever opened it.
    this.sequencer?.close();
    this.pendingScan?.resolve(this.last);
    this.pendingScan = undefined;
    this.listeners.clear();
    this.tapListeners.clear();
  }

  private budgetOf(address: number): ChipBudget {
    return this.budgets.find((b) => b.address === address)!;
  }

  private updatePolling(): void {
    this.polling = this.opened && !this.closed && this.tapListeners.size > 0;
    this.sequencer?.setPolling(this.polling);
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

  /**
   * One scan of every channel. While the chips poll: a polled tap is left to its polls (the scan
   * reports its latest), a polled jack is taken as it is when converted since `since` (a gate's
   * scan), else asked for ahead of the polls (a gate's scan) or taken from its next poll (a
   * periodic one, which then costs no conversion of its own).
   */
  private runScan(since: number): Promise<CvScan> {
    const sequencer = this.sequencer;
    if (!this.opened || this.closed || !sequencer) return Promise.resolve(this.last);
    const started = this.clock.now();
    const pending = new Map<number, Set<number>>();
    const scan: PendingScan = { pending, since, from: since === -Infinity ? started : since, values: new Map(), resolve: () => undefined };
    for (const chip of this.plan) {
      if (!sequencer.available(chip.address, started)) continue; // backing off: its jacks hold their values
      const demand: number[] = [];
      const wait = new Set<number>();
      for (const ch of chip.channels) {
        const k = key(chip.address, ch);
        if (this.polling && this.polled.has(k) && !this.jackPolled.has(k)) continue;
        if (this.jackPolledNow(k)) {
          if (this.takePolled(scan, chip.address, ch)) continue;
          if (since !== -Infinity) demand.push(ch);
        } else {
          demand.push(ch);
        }
        wait.add(ch);
      }
      if (demand.length > 0) sequencer.demand(chip.address, demand, started);
      if (wait.size > 0) pending.set(chip.address, wait);
    }
    return new Promise((resolve) => {
      this.pendingScan = { ...scan, resolve };
      this.finishScanIfDone();
    });
  }

  private onConversion(c: Conversion): void {
    const k = key(c.chip, c.channel);
    const reading = { volts: c.volts, timeMs: c.sampledAt };
    if (this.jackPolled.has(k)) this.polledReadings.set(k, reading);
    for (const tap of this.tapsByChannel.get(k) ?? []) {
      this.heldTaps.set(tap.id, reading);
      for (const listener of this.tapListeners) {
        try {
          listener({ id: tap.id, ...reading, fresh: true });
        } catch {
          // A listener's bug must not stop the conversions.
        }
      }
    }
    const scan = this.pendingScan;
    const channels = scan?.pending.get(c.chip);
    if (!scan || !channels?.has(c.channel)) return;
    if (!c.demanded) {
      // A poll of a jack the scan waits for serves it when sampled late enough (an ask still queued is dropped).
      if (!this.jackPolledNow(k) || c.sampledAt < scan.from) return;
      this.sequencer!.withdraw(c.chip, c.channel);
      channels.delete(c.channel);
    } else if (c.sampledAt < scan.since) {
      // Started before a gate asked for samples from its edge on: converted once more.
      if (!this.sequencer!.demand(c.chip, [c.channel], this.clock.now())) channels.delete(c.channel);
      else return;
    } else {
      channels.delete(c.channel);
    }
    scan.values.set(k, reading);
    if (channels.size === 0) scan.pending.delete(c.chip);
    this.finishScanIfDone();
  }

  private onChipFailed(chip: number): void {
    if (this.pendingScan?.pending.delete(chip)) this.finishScanIfDone();
  }

  private finishScanIfDone(): void {
    const scan = this.pendingScan;
    if (!scan || scan.pending.size > 0) return;
    this.pendingScan = undefined;
    if (this.polling) {
      // Taps left to their polls report their latest poll.
      for (const t of this.taps) {
        const k = key(t.chip, t.channel);
        const held = this.heldTaps.get(t.id);
        if (held && this.polled.has(k) && !this.jackPolled.has(k) && !scan.values.has(k)) scan.values.set(k, held);
      }
    }
    this.last = this.compose(scan.values, this.clock.now());
    for (const listener of this.listeners) {
      try {
        listener(this.last);
      } catch {
        // A listener's bug must not stop the scans.
      }
    }
    scan.resolve(this.last);
  }

  /** Builds a scan from this scan's fresh values and the held ones. */
  private compose(values: Map<string, Held>, timeMs: number): CvScan {
    const jacks: CvJackReading[] = [...this.config.jacks]
      .sort((a, b) => a.jack - b.jack)
      .map((j: CvJackConfig) => {
        const fresh = values.get(key(j.chip, j.channel));
        if (fresh) this.heldJacks.set(j.jack, { volts: calibrateJack(fresh.volts, j), timeMs: fresh.timeMs });
        const held = this.heldJacks.get(j.jack) ?? { volts: calibrateJack(0, { range: j.range, calibration: { offset: 0, gain: 1 } }), timeMs };
        return { jack: j.jack, volts: held.volts, timeMs: held.timeMs, fresh: fresh !== undefined };
      });
    const taps: AdcTapReading[] = this.taps.map((t) => {
      const fresh = values.get(key(t.chip, t.channel));
      const held = this.heldTaps.get(t.id) ?? { volts: 0, timeMs };
      return { id: t.id, volts: held.volts, timeMs: held.timeMs, fresh: fresh !== undefined };
    });
    return { timeMs, jacks, taps };
  }
}
