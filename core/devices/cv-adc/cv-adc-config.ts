import type { CvJack, RackConfig } from '../../generated/rack';

/** The rack config's `devices.cvAdc` section after schema defaults (generated from schemas/rack.schema.json). */
export type CvAdcConfig = RackConfig['devices']['cvAdc'];

export type CvRange = CvJack['range'];

/** One CV jack: its chip and channel, range and calibration (jack volts = (raw volts - offset) * gain). */
export type CvJackConfig = CvJack;

/** Volts a jack may report, by range. */
export const CV_RANGE_VOLTS: Record<CvRange, readonly [number, number]> = {
  'bipolar-5v': [-5, 5],
  'unipolar-10v': [0, 10],
};

/** The breakout's reference on AIN3, volts (hardware-facts.md: ~1.241 V). */
export const DEFAULT_REFERENCE_VOLTS = 1.241;
