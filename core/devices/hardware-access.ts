import type { Clock } from '../scheduler/clock';
import { NeurorackError } from '../errors/neurorack-error';
import type { Edge, GpioInput } from './gpio/gpio-line';
import type { GpioPinConfig } from './gpio/gpio-numbering';
import type { I2cBus } from './i2c/i2c-bus';

/**
 * What the drivers need from a binding: I2C buses by number and GPIO input lines by configured pin.
 * One implementation talks to the kernel, the other to an `EmulatedI2cGpioHardware` (emulated-board.ts).
 */
export interface HardwareAccess {
  readonly binding: 'real' | 'emulated';
  i2cBus(busNumber: number): Promise<I2cBus>;
  gpioInput(pin: GpioPinConfig, edge: Edge, pointer: string): Promise<GpioInput>;
}

export interface I2cGpioDeviceContext {
  readonly clock: Clock;
  /** Access for sections whose binding is `real` / `emulated`. */
  readonly real?: HardwareAccess;
  readonly emulated?: HardwareAccess;
}

/** The access a section's binding names; a binding this host was not given is a configuration error. */
export function accessFor(ctx: I2cGpioDeviceContext, binding: 'real' | 'emulated', section: string): HardwareAccess {
  const access = ctx[binding];
  if (!access) throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', `devices.${section} asks for the ${binding} binding, which this host was not given`, { pointer: `/devices/${section}/binding` });
  return access;
}
