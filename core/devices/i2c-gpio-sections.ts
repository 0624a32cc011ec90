import type { ButtonConfig } from './button/button-config';
import type { CvAdcConfig } from './cv-adc/cv-adc-config';
import type { EncoderConfig } from './encoder/encoder-config';
import type { GatesConfig } from './gate/gates-config';

/** The rack config's device sections these factories read (after schema defaults). */
export interface I2cGpioDeviceSections {
  readonly cvAdc: CvAdcConfig;
  readonly gates: GatesConfig;
  readonly button: ButtonConfig;
  readonly encoder: EncoderConfig;
}
