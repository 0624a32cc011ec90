import { conversionSlotMs, type AdsVariant } from './ads1x15-registers';

export interface ChipDemand {
  readonly address: number;
  readonly variant: AdsVariant;
  readonly dr: number;
  /** Every channel a scan converts (CV jacks and taps). */
  readonly scanChannels: readonly number[];
  /** Channels to convert between scans too, with the rate asked for each (at most): the gates. */
  readonly polled: ReadonlyMap<number, number>;
  /** CV jacks to convert between scans too, with what the polled channels leave (channel -> Hz asked, at most). */
  readonly polledJacks?: ReadonlyMap<number, number>;
}

export interface ChipBudget {
  readonly address: number;
  /** Conversions per second the chip can do, one single-shot conversion per slot. */
  readonly capacityPerS: number;
  /** Conversions per second the scans take for channels that are not polled. */
  readonly scanLoadPerS: number;
  /**
   * Polled channel -> rate granted (Hz) and the interval between its conversions (ms). An interval
   * of 0 means "whenever the chip is free": the channel asked for more than its share, so it takes
   * every conversion the scans leave, which is its share.
   */
  readonly polled: ReadonlyMap<number, { readonly hz: number; readonly intervalMs: number }>;
}

/**
 * Shares each chip's conversions between the scans and the polled channels. The scans come first:
 * every channel that is only scanned takes `scanHz` conversions per second. What is left is split
 * evenly between the polled channels, each getting at most what it asked for (one that asks for
 * more takes every free conversion, so the chip never idles between them); a polled channel
 * also counts as scanned, since a scan takes its next conversion. A polled channel whose share is
 * not above `scanHz` is not polled (the scans already read it as often). Polled CV jacks come
 * last: they share what the polled channels leave (with their own scans' share), by the same
 * rule, so on a chip where the gates take every free conversion the jacks are only scanned.
 *
 * The ADS1015 at 3300 SPS does about 2790 conversions per second (1.1/DR + wake-up each); the v1
 * board's chip 0x48 (gates 1 and 2, CV 1 at 200 Hz) leaves about 1290 Hz per gate, and its chip
 * 0x49 (CVs 2-4) about 930 Hz per jack when they are polled.
 */
export function budgetConversions(chips: readonly ChipDemand[], scanHz: number): ChipBudget[] {
  return chips.map((chip) => {
    const capacityPerS = 1000 / conversionSlotMs(chip.variant, chip.dr);
    const scanOnly = chip.scanChannels.filter((c) => !chip.polled.has(c)).length;
    const scanLoadPerS = scanHz * scanOnly;
    const polled = new Map<number, { hz: number; intervalMs: number }>();
    const first = share(chip.polled, Math.max(0, capacityPerS - scanLoadPerS), scanHz, polled);
    const jacks = new Map([...(chip.polledJacks ?? [])].filter(([c]) => !chip.polled.has(c) && chip.scanChannels.includes(c)));
    // The jacks' own scans are theirs to spend; a polled channel taking every free conversion leaves nothing.
    share(jacks, first.leftPerS + scanHz * jacks.size, scanHz, polled);
    return { address: chip.address, capacityPerS, scanLoadPerS, polled };
  });
}

/** Splits `budgetPerS` evenly between `asked` (channel -> Hz), into `into`; returns what they leave. */
function share(asked: ReadonlyMap<number, number>, budgetPerS: number, scanHz: number, into: Map<number, { hz: number; intervalMs: number }>): { leftPerS: number } {
  if (asked.size === 0) return { leftPerS: budgetPerS };
  const each = budgetPerS / asked.size;
  let used = 0;
  let takesAll = false;
  for (const [channel, askedHz] of asked) {
    const hz = Math.min(askedHz, each);
    if (hz > scanHz) {
      into.set(channel, { hz, intervalMs: hz < askedHz ? 0 : 1000 / hz });
      takesAll ||= hz < askedHz;
      used += hz;
    } else {
      used += scanHz; // read by the scans only: they keep their share
    }
  }
  return { leftPerS: takesAll ? 0 : Math.max(0, budgetPerS - used) };
}
