import type { GpioPinConfig } from '../gpio/gpio-numbering';

/** The rack config's `devices.gates` section after schema defaults. */
export interface GatesConfig {
  readonly binding: 'real' | 'emulated';
  /** ADC gates fire when the jack exceeds reference + this. */
  readonly thresholdVolts: number;
  /** ADC gates: a gate falls (and re-arms) no sooner than this after it rose. */
  readonly rearmSeconds: number;
  /** ADC gates: conversions per second per gate between the CV scans, at most (the chip bounds it). */
  readonly pollHz?: number;
  readonly debounceMs: number;
  readonly jacks: ReadonlyArray<GateJackConfig>;
}

export interface GateJackConfig {
  readonly jack: number;
  readonly adc?: { readonly chip: number; readonly channel: number };
  readonly gpio?: GpioPinConfig;
}
