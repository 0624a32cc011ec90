import { CODE_BITS, type AdsVariant } from './ads1x15-registers';
import { CV_RANGE_VOLTS, type CvJackConfig } from './cv-adc-config';

/**
 * Decodes a conversion register word to the signed code, or explains why it cannot be one: an
 * ADS1015 result is 12 bits left-justified, so bits 3:0 always read 0.
 */
export function decodeConversion(variant: AdsVariant, word: number): { code: number } | { error: string } {
  const bits = CODE_BITS[variant];
  const unused = (1 << (16 - bits)) - 1;
  if ((word & unused) !== 0) {
    const hex = `0x${word.toString(16).padStart(4, '0').toUpperCase()}`;
    return { error: `conversion word ${hex} has bits 3:0 set (an ${variant} leaves them 0; a stuck line, or an ADS1115 configured as ads1015?)` };
  }
  const signed = word & 0x8000 ? word - 0x10000 : word;
  return { code: signed >> (16 - bits) };
}

/** Pin difference volts of a code at a full-scale setting. */
export function codeToPinVolts(variant: AdsVariant, code: number, fullScaleVolts: number): number {
  return (code / 2 ** (CODE_BITS[variant] - 1)) * fullScaleVolts;
}

/** The breakout's jack volts from the pin difference: x divider + reference. */
export function pinToJackVolts(pinVolts: number, dividerRatio: number, referenceVolts: number): number {
  return pinVolts * dividerRatio + referenceVolts;
}

/** Applies the jack's calibration ((raw - offset) x gain) and clamps to its range. */
export function calibrateJack(rawJackVolts: number, jack: Pick<CvJackConfig, 'range' | 'calibration'>): number {
  const [lo, hi] = CV_RANGE_VOLTS[jack.range];
  const v = (rawJackVolts - jack.calibration.offset) * jack.calibration.gain;
  return Math.min(hi, Math.max(lo, v));
}
