import type { Clock, TimerHandle } from '../../scheduler/clock';
import type { I2cBus } from '../i2c/i2c-bus';
import { RetryBackoff } from '../i2c/retry-backoff';
import { REG_CONFIG, REG_CONVERSION, conversionSlotMs, muxAgainstAin3, pgaCode, singleShotConfig, type AdsVariant } from './ads1x15-registers';
import { codeToPinVolts, decodeConversion, pinToJackVolts } from './cv-conversion';

export interface SequencedChip {
  readonly address: number;
  readonly variant: AdsVariant;
  /** DR code. */
  readonly dr: number;
  /** Channels converted on their own schedule while polling is on: channel -> interval, ms. */
  readonly pollIntervals: ReadonlyMap<number, number>;
}

/** One finished conversion. */
export interface Conversion {
  readonly chip: number;
  readonly channel: number;
  /** Jack volts: pin difference x divider + reference (uncalibrated, unclamped). */
  readonly volts: number;
  /** When the chip sampled the input: as the config write that started the conversion completed. */
  readonly sampledAt: number;
  /** Whether this conversion answered a `demand()` (it started after the demand). */
  readonly demanded: boolean;
}

export interface Ads1x15SequencerOptions {
  readonly bus: I2cBus;
  readonly clock: Clock;
  readonly chips: readonly SequencedChip[];
  readonly pgaVolts: number;
  readonly dividerRatio: number;
  readonly referenceVolts: number;
  readonly backoff: { readonly baseMs: number; readonly maxMs: number };
  readonly onConversion: (conversion: Conversion) => void;
  readonly onChipFailed: (chip: number, why: string) => void;
}

const CONVERSION_POINTER = Uint8Array.of(REG_CONVERSION);

interface InFlight {
  readonly channel: number;
  readonly sampledAt: number;
  readonly readyAt: number;
  readonly demanded: boolean;
}

/** One chip's converter: at most one conversion at a time, its failures and its backoff. */
export class ChipRun {
  readonly slotMs: number;
  readonly backoff: RetryBackoff;
  seen = false;
  lastError: string | undefined;
  inflight: InFlight | undefined;
  /** Channel -> when a scan asked for it. */
  readonly demanded = new Map<number, number>();
  /** Polled channel -> when its next conversion is due. */
  readonly nextPoll = new Map<number, number>();
  /** Channel -> the config write that starts its conversion (the bus copies what it sends). */
  private readonly starts = new Map<number, Uint8Array>();

  constructor(readonly spec: SequencedChip, backoff: { baseMs: number; maxMs: number }) {
    this.slotMs = conversionSlotMs(spec.variant, spec.dr);
    this.backoff = new RetryBackoff(backoff.baseMs, backoff.maxMs);
    for (const channel of spec.pollIntervals.keys()) this.nextPoll.set(channel, -Infinity);
  }

  startBytes(channel: number, pga: number): Uint8Array {
    let bytes = this.starts.get(channel);
    if (!bytes) {
      const word = singleShotConfig(muxAgainstAin3(channel), pga, this.spec.dr);
      bytes = Uint8Array.of(REG_CONFIG, word >> 8, word & 0xff);
      this.starts.set(channel, bytes);
    }
    return bytes;
  }

  hasWork(polling: boolean): boolean {
    return this.inflight !== undefined || this.demanded.size > 0 || (polling && this.nextPoll.size > 0);
  }

  /**
   * The channel to convert next: what a scan asked for first (earliest demand first), then the
   * poll due first (lower channel on a tie). A scan's channels go before the polls: a poll that
   * takes every free conversion is always overdue, and a gate's scan used to wait behind both
   * gates' polls on their chip (two slots) before its CV was converted.
   */
  nextJob(polling: boolean): { channel: number; due: number } | undefined {
    let best: { channel: number; due: number } | undefined;
    const consider = (channel: number, due: number): void => {
      if (!best || due < best.due || (due === best.due && channel < best.channel)) best = { channel, due };
    };
    for (const [channel, since] of this.demanded) consider(channel, since);
    if (best) return best;
    if (polling) for (const [channel, due] of this.nextPoll) consider(channel, due);
    return best;
  }
}

/**
 * Runs the single-shot conversions of the ADS1x15 chips on one bus, so that scans and fast polls
 * share each chip without ever double-booking it (a start written while the chip converts would
 * be ignored, and the next read would return the other channel's result).
 *
 * Each chip is a pipeline of slots. A slot costs two transactions: the config write that sets MUX
 * and OS together (starting the conversion), and, one slot later, the pointer+read of the result.
 * The slot lasts wake-up + 1.1/DR (the datasheet's slowest rate), so the result is there without
 * polling the OS bit. Chips convert in parallel: one wake-up serves every chip whose slot is over.
 * What a chip converts next is the job due first: a channel a scan asked for (due when asked) or a
 * polled channel (due one interval after its last conversion).
 *
 * Nothing here rejects: a failed transaction fails the chip (its scan demands are dropped, it is
 * retried after a bounded backoff) and is reported through `onChipFailed`.
 */
export class Ads1x15Sequencer {
  readonly chips: ReadonlyMap<number, ChipRun>;
  private readonly pga: number;
  private polling = false;
  private running = false;
  private dirty = false;
  private closed = false;
  private sleepTimer: TimerHandle | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: Ads1x15SequencerOptions) {
    this.pga = pgaCode(options.pgaVolts);
    this.chips = new Map(options.chips.map((c) => [c.address, new ChipRun(c, options.backoff)]));
  }

  /**
   * Asks for one conversion of each channel, started no earlier than now. Returns false (and asks
   * nothing) when the chip is unknown or backing off.
   */
  demand(address: number, channels: readonly number[], atMs: number): boolean {
    const chip = this.chips.get(address);
    if (!chip || this.closed || channels.length === 0 || !chip.backoff.due(atMs)) return false;
    for (const c of channels) if (!chip.demanded.has(c)) chip.demanded.set(c, atMs);
    this.kick();
    return true;
  }

  /** Whether a demand on this chip would be taken now (it exists and is not backing off). */
  available(address: number, atMs: number): boolean {
    const chip = this.chips.get(address);
    return chip !== undefined && !this.closed && chip.backoff.due(atMs);
  }

  /** Drops a demand not yet started (a poll already brought what it asked for). */
  withdraw(address: number, channel: number): void {
    this.chips.get(address)?.demanded.delete(channel);
  }

  /** Polls the chips' polled channels (on) or only serves demands (off). */
  setPolling(on: boolean): void {
    if (this.polling === on) return;
    this.polling = on;
    if (on) this.kick();
  }

  /** Records a chip failure found outside the sequence (the open-time probe). */
  failChip(address: number, why: string): void {
    const chip = this.chips.get(address);
    if (chip) this.fail(chip, why);
  }

  close(): void {
    this.closed = true;
    this.interrupt();
  }

  private kick(): void {
    this.dirty = true;
    if (this.running) {
      this.interrupt();
      return;
    }
    this.running = true;
    void this.run();
  }

  private async run(): Promise<void> {
    try {
      while (!this.closed) {
        this.dirty = false;
        let next = Infinity;
        for (const chip of this.chips.values()) next = Math.min(next, await this.step(chip));
        if (this.closed) break;
        if (this.dirty) continue;
        if (next === Infinity) break;
        await this.sleepUntil(next);
      }
    } finally {
      this.running = false;
    }
  }

  /** Serves one chip: collects a finished conversion, starts the next due one; returns when to look again. */
  private async step(chip: ChipRun): Promise<number> {
    try {
      if (chip.inflight) {
        if (this.options.clock.now() < chip.inflight.readyAt) return chip.inflight.readyAt;
        await this.collect(chip);
      }
      const now = this.options.clock.now();
      if (!chip.hasWork(this.polling)) return Infinity;
      if (!chip.backoff.due(now)) return now + this.options.backoff.baseMs;
      const job = chip.nextJob(this.polling);
      if (!job) return Infinity;
      if (job.due > now) return job.due;
      await this.start(chip, job.channel);
      return chip.inflight?.readyAt ?? this.options.clock.now() + this.options.backoff.baseMs;
    } catch (err) {
      // Nothing may escape into the scheduler; an unexpected failure fails the chip.
      this.fail(chip, `unexpected: ${(err as Error).message}`);
      return this.options.clock.now() + this.options.backoff.baseMs;
    }
  }

  private async start(chip: ChipRun, channel: number): Promise<void> {
    try {
      await this.options.bus.write(chip.spec.address, chip.startBytes(channel, this.pga));
    } catch (err) {
      this.fail(chip, `config write failed: ${(err as Error).message}`);
      return;
    }
    const t = this.options.clock.now();
    const demanded = chip.demanded.delete(channel);
    chip.inflight = { channel, sampledAt: t, readyAt: t + chip.slotMs, demanded };
    const interval = chip.spec.pollIntervals.get(channel);
    if (interval !== undefined) chip.nextPoll.set(channel, t + interval);
  }

  private async collect(chip: ChipRun): Promise<void> {
    const job = chip.inflight!;
    chip.inflight = undefined;
    let raw: Uint8Array;
    try {
      raw = await this.options.bus.writeRead(chip.spec.address, CONVERSION_POINTER, 2);
    } catch (err) {
      this.fail(chip, `AIN${job.channel}: ${(err as Error).message}`);
      return;
    }
    const decoded = decodeConversion(chip.spec.variant, (raw[0]! << 8) | raw[1]!);
    if ('error' in decoded) {
      this.fail(chip, `AIN${job.channel}: out-of-range ${decoded.error}`);
      return;
    }
    const pinVolts = codeToPinVolts(chip.spec.variant, decoded.code, this.options.pgaVolts);
    chip.backoff.succeeded();
    chip.seen = true;
    chip.lastError = undefined;
    try {
      this.options.onConversion({
        chip: chip.spec.address,
        channel: job.channel,
        volts: pinToJackVolts(pinVolts, this.options.dividerRatio, this.options.referenceVolts),
        sampledAt: job.sampledAt,
        demanded: job.demanded,
      });
    } catch {
      // A listener's bug must not stop the conversions.
    }
  }

  private fail(chip: ChipRun, why: string): void {
    chip.inflight = undefined;
    chip.demanded.clear();
    chip.lastError = why;
    chip.backoff.failed(this.options.clock.now());
    try {
      this.options.onChipFailed(chip.spec.address, why);
    } catch {
      // as above
    }
  }

  private sleepUntil(t: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = this.options.clock.setTimer(() => this.interrupt(), Math.max(0, t - this.options.clock.now()));
    });
  }

  private interrupt(): void {
    if (this.sleepTimer) this.options.clock.clearTimer(this.sleepTimer);
    this.sleepTimer = undefined;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
