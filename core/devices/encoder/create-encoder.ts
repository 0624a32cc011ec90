import { accessFor, type I2cGpioDeviceContext } from '../hardware-access';
import type { EncoderConfig } from './encoder-config';
import { IoeRgbEncoder } from './ioe-rgb-encoder';
import type { RgbEncoder } from './rgb-encoder';

export async function createEncoder(config: EncoderConfig, ctx: I2cGpioDeviceContext): Promise<RgbEncoder> {
  const access = accessFor(ctx, config.binding, 'encoder');
  return new IoeRgbEncoder({ config, bus: await access.i2cBus(config.bus), clock: ctx.clock, binding: config.binding });
}
