import { accessFor, type I2cGpioDeviceContext } from '../hardware-access';
import { Ads1x15CvAdc } from './ads1x15-cv-adc';
import type { CvAdcConfig } from './cv-adc-config';

export async function createCvAdc(config: CvAdcConfig, ctx: I2cGpioDeviceContext): Promise<Ads1x15CvAdc> {
  const access = accessFor(ctx, config.binding, 'cvAdc');
  return new Ads1x15CvAdc({ config, bus: await access.i2cBus(config.bus), clock: ctx.clock, binding: config.binding });
}
