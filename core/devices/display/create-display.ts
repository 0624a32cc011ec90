import type { RackConfig } from '../../generated/rack';
import type { Clock } from '../../scheduler/clock';
import type { EmulatedGpioChip } from '../gpio/emulated-gpio-chip';
import type { GpioOutput } from '../gpio/gpio-line';
import { EmulatedSpiBus } from '../spi/emulated-spi-bus';
import { SpiDeviceBus } from '../spi/spi-device-bus';
import type { Display } from './display';
import { St7789Display } from './st7789-display';
import { St7789Emulator } from './st7789-emulator';
import type { St7789InitName } from './st7789-init';

/** The rack config's `devices.display` section, schema defaults applied (pins resolved by the caller). */
export type DisplayConfig = Omit<RackConfig['devices']['display'], 'dc' | 'rst'>;

/** The real ST7789 on /dev/spidevB.D; DC and RST are GPIO outputs the caller opened (onoff). */
export function createRealDisplay(config: DisplayConfig, deps: { clock: Clock; dc: GpioOutput; rst: GpioOutput; id?: string }): Display {
  const bus = new SpiDeviceBus({ busNumber: config.spiBus, deviceNumber: config.spiDevice, speedHz: config.speedHz, mode: 0 });
  return new St7789Display({ ...displayOptions(config), id: deps.id, binding: 'real', bus, dc: deps.dc, rst: deps.rst, clock: deps.clock });
}

/** The emulated display and its test controls (framebuffer, faults), for tools and tests. */
export interface EmulatedDisplayHandle {
  readonly display: Display;
  /** `readRgba()`, `toPng()`, `commands()`, `violations()`, `frames`. */
  readonly emulator: St7789Emulator;
  /** `injectFault()`, `clearFault()`, `stats()`, `transferSizes()`. */
  readonly bus: EmulatedSpiBus;
}

/**
 * The same ST7789 driver over an emulated SPI bus and the chip emulator. DC and RST are lines of the
 * emulated GPIO chip (kernel numbers `dcLine`, `rstLine`): the driver writes them, the emulator
 * samples them at each transfer.
 */
export function createEmulatedDisplay(
  config: DisplayConfig,
  deps: { clock: Clock; gpio: EmulatedGpioChip; dcLine: number; rstLine: number; id?: string },
): EmulatedDisplayHandle {
  const { clock, gpio } = deps;
  const emulator = new St7789Emulator({ gpio, dcOffset: deps.dcLine - gpio.base, rstOffset: deps.rstLine - gpio.base, clock });
  const bus = new EmulatedSpiBus(emulator, clock, { busNumber: config.spiBus, deviceNumber: config.spiDevice, speedHz: config.speedHz });
  const display = new St7789Display({
    ...displayOptions(config),
    id: deps.id,
    binding: 'emulated',
    bus,
    dc: gpio.output(deps.dcLine),
    rst: gpio.output(deps.rstLine),
    clock,
  });
  return { display, emulator, bus };
}

function displayOptions(config: DisplayConfig): { width: number; height: number; rowOffset: number; init: St7789InitName } {
  return { width: config.width, height: config.height, rowOffset: config.rowOffset, init: config.init };
}
