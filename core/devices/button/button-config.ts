import type { GpioPinConfig } from '../gpio/gpio-numbering';

/** The rack config's `devices.button` section after schema defaults. */
export interface ButtonConfig {
  readonly binding: 'real' | 'emulated';
  readonly pin: GpioPinConfig;
  readonly activeLow: boolean;
  readonly debounceMs: number;
  readonly longPressMs: number;
}
