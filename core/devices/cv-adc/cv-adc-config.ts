/** The rack config's `devices.cvAdc` section after schema defaults (schemas/rack.schema.json). */
export interface CvAdcConfig {
  readonly binding: 'real' | 'emulated';
  readonly bus: number;
  readonly chips: ReadonlyArray<{ readonly address: number; readonly variant: 'ads1015' | 'ads1115' }>;
  readonly dataRate: number;
  readonly pgaVolts: number;
  readonly dividerRatio: number;
  readonly scanHz: number;
  readonly jacks: ReadonlyArray<CvJackConfig>;
}

export type CvRange = 'bipolar-5v' | 'unipolar-10v';

export interface CvJackConfig {
  readonly jack: number;
  readonly chip: number;
  readonly channel: number;
  readonly range: CvRange;
  /** jack volts = (raw volts - offset) * gain */
  readonly calibration: { readonly offset: number; readonly gain: number };
}

/** Volts a jack may report, by range. */
export const CV_RANGE_VOLTS: Record<CvRange, readonly [number, number]> = {
  'bipolar-5v': [-5, 5],
  'unipolar-10v': [0, 10],
};

/** The breakout's reference on AIN3, volts (hardware-facts.md: ~1.241 V). */
export const DEFAULT_REFERENCE_VOLTS = 1.241;
