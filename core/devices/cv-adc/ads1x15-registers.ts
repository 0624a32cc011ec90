/** Register map and config fields of the ADS1015 / ADS1115 (datasheet; see hardware-facts.md). */

export type AdsVariant = 'ads1015' | 'ads1115';

export const REG_CONVERSION = 0x00;
export const REG_CONFIG = 0x01;
export const REG_LO_THRESH = 0x02;
export const REG_HI_THRESH = 0x03;

export const CONFIG_RESET = 0x8583;
export const OS_BIT = 0x8000;
export const MODE_SINGLE_SHOT = 0x0100;
export const COMP_QUE_DISABLED = 0x0003;

/** Full-scale volts at the pins, by PGA code 0..7 (codes 6 and 7 repeat 0.256 V). */
export const PGA_VOLTS = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256] as const;

/** Samples per second by DR code 0..7. */
export const DATA_RATES: Record<AdsVariant, readonly number[]> = {
  ads1015: [128, 250, 490, 920, 1600, 2400, 3300, 3300],
  ads1115: [8, 16, 32, 64, 128, 250, 475, 860],
};

/** Largest positive code, by variant (12-bit left-justified vs 16-bit). */
export const CODE_BITS: Record<AdsVariant, number> = { ads1015: 12, ads1115: 16 };

/** Power-up wake-up before the conversion proper starts, ms. */
export const WAKE_UP_MS = 0.025;

/** The datasheet's data rate variation (+-10%): a conversion may take up to 1.1/DR. */
export const DATA_RATE_TOLERANCE = 0.1;

/**
 * How long a single-shot conversion at DR code `dr` may take from the config write that starts it
 * to a result the driver can read without polling OS: wake-up plus 1/DR at the slow end of the
 * data rate tolerance. One conversion per slot is what one chip can do.
 */
export function conversionSlotMs(variant: AdsVariant, dr: number): number {
  return WAKE_UP_MS + (1000 / DATA_RATES[variant][dr]!) * (1 + DATA_RATE_TOLERANCE);
}

/** MUX code for AINx measured against AIN3 (channel 0..2), as the breakout wires its jacks. */
export function muxAgainstAin3(channel: number): number {
  return channel + 1;
}

export function pgaCode(volts: number): number {
  const code = PGA_VOLTS.indexOf(volts as (typeof PGA_VOLTS)[number]);
  if (code < 0) throw new RangeError(`no PGA setting of ${volts} V (expected one of ${PGA_VOLTS.slice(0, 6).join(', ')})`);
  return code;
}

/** The DR code whose rate is nearest to `sps` (the lower code on a tie: 110 for 3300 SPS). */
export function dataRateCode(variant: AdsVariant, sps: number): number {
  const rates = DATA_RATES[variant];
  let best = 0;
  for (let code = 1; code < 8; code++) {
    if (Math.abs(rates[code]! - sps) < Math.abs(rates[best]! - sps)) best = code;
  }
  return best;
}

/** The config word of a single-shot conversion on `mux` with OS set to start it. */
export function singleShotConfig(mux: number, pga: number, dr: number): number {
  return OS_BIT | (mux << 12) | (pga << 9) | MODE_SINGLE_SHOT | (dr << 5) | COMP_QUE_DISABLED;
}
