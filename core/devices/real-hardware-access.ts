import type { Clock } from '../scheduler/clock';
import { SYSFS_GPIO_ROOT, resolveSysfsGpioPin } from './gpio/gpio-numbering';
import { openOnoffInput } from './gpio/onoff-gpio';
import type { HardwareAccess } from './hardware-access';
import type { I2cBus } from './i2c/i2c-bus';
import { RealI2cBus } from './i2c/real-i2c-bus';

/** Access to the kernel: /dev/i2c-N and sysfs GPIO (numbers resolved from gpiochip labels). */
export function realHardwareAccess(clock: Clock, sysfsRoot: string = SYSFS_GPIO_ROOT): HardwareAccess {
  const buses = new Map<number, Promise<I2cBus>>();
  return {
    binding: 'real',
    i2cBus(busNumber) {
      let bus = buses.get(busNumber);
      if (!bus) {
        bus = RealI2cBus.open(busNumber, clock);
        buses.set(busNumber, bus);
        bus.catch(() => buses.delete(busNumber));
      }
      return bus;
    },
    async gpioInput(pin, edge, pointer) {
      return openOnoffInput(resolveSysfsGpioPin(pin, sysfsRoot, { pointer }), edge, clock);
    },
  };
}
