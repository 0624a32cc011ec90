import { conversionSlotMs, type AdsVariant } from './ads1x15-registers';

export interface ChipDemand {
  readonly address: number;
  readonly variant: AdsVariant;
  readonly dr: number;
  /** Every channel a scan converts (CV jacks and taps). */
  readonly scanChannels: readonly number[];
  /** Channels to convert between scans too, with the rate asked for each (at most). */
  readonly polled: ReadonlyMap<number, number>;
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
 * not above `scanHz` is not polled (the scans already read it as often).
 *
 * The ADS1015 at 3300 SPS does about 2790 conversions per second (1.1/DR + wake-up each); the v1
 * board's chip 0x48 (gates 1 and 2, CV 1 at 200 Hz) leaves about 1290 Hz per gate.
 */
export function budgetConversions(chips: readonly ChipDemand[], scanHz: number): ChipBudget[] {
  return chips.map((chip) => {
    const capacityPerS = 1000 / conversionSlotMs(chip.variant, chip.dr);
    const scanOnly = chip.scanChannels.filter((c) => !chip.polled.has(c)).length;
    const scanLoadPerS = scanHz * scanOnly;
    const share = chip.polled.size > 0 ? Math.max(0, capacityPerS - scanLoadPerS) / chip.polled.size : 0;
    const polled = new Map<number, { hz: number; intervalMs: number }>();
    for (const [channel, askedHz] of chip.polled) {
      const hz = Math.min(askedHz, share);
      if (hz > scanHz) polled.set(channel, { hz, intervalMs: hz < askedHz ? 0 : 1000 / hz });
    }
    return { address: chip.address, capacityPerS, scanLoadPerS, polled };
  });
}
