import { accessFor, type I2cGpioDeviceContext } from '../hardware-access';
import type { ButtonConfig } from './button-config';
import { GpioPushButton } from './gpio-push-button';
import type { PushButton } from './push-button';

export async function createButton(config: ButtonConfig, ctx: I2cGpioDeviceContext): Promise<PushButton> {
  const access = accessFor(ctx, config.binding, 'button');
  const line = await access.gpioInput(config.pin, 'both', '/devices/button/pin');
  return new GpioPushButton({ line, clock: ctx.clock, binding: config.binding, activeLow: config.activeLow, debounceMs: config.debounceMs, longPressMs: config.longPressMs });
}
