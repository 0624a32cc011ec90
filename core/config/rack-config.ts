/**
 * The rack config as the host reads it after validation against schemas/rack.schema.json, with
 * every default filled in by the schema. The types are generated from the schema
 * (core/generated/rack.ts, `npm run schemas:types`); the device sections are the devices' own
 * aliases of them.
 */
import type { Calibration, GpioPin, RackConfig } from '../generated/rack';

export type { Calibration, RackConfig };
export type { AudioOutConfig } from '../devices/audio-out/create-audio-out';
export type { ButtonConfig } from '../devices/button/button-config';
export type { CvAdcConfig, CvJackConfig } from '../devices/cv-adc/cv-adc-config';
export type { EncoderConfig } from '../devices/encoder/encoder-config';
export type { GateJackConfig, GatesConfig } from '../devices/gate/gates-config';

export type Binding = RackConfig['devices']['cvAdc']['binding'];

export type GpioPinSpec = GpioPin;

/** The `devices.display` section with its DC and RST pins (the display driver takes them resolved). */
export type DisplayConfig = RackConfig['devices']['display'];

/** A validated rack config and where it came from (plugin dirs are relative to `file`). */
export interface LoadedRack {
  readonly config: RackConfig;
  readonly file: string;
}
