import type { RackConfig } from '../config/rack-config';
import { createEmulatedDisplay, createRealDisplay, type EmulatedDisplayHandle } from '../devices/display/create-display';
import type { Display } from '../devices/display/display';
import { defaultEmulatedGpioChips, locateEmulatedPin } from '../devices/gpio/emulated-gpio-access';
import type { EmulatedGpioChip } from '../devices/gpio/emulated-gpio-chip';
import { resolveSysfsGpioPin, type GpioPinConfig } from '../devices/gpio/gpio-numbering';
import { openOnoffOutput } from '../devices/gpio/onoff-gpio';
import { buildEmulatedI2cGpioHardware, emulatedHardwareAccess, type EmulatedI2cGpioHardware } from '../devices/emulated-board';
import type { I2cGpioDeviceContext } from '../devices/hardware-access';
import { realHardwareAccess } from '../devices/real-hardware-access';
import { NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';

/** Default DC and RST for an emulated display whose rack names none (the v1 board's lines). */
const V1_DISPLAY_PINS = { dc: { sysfs: 13 }, rst: { sysfs: 15 } } as const;

/**
 * The board a rack describes, as the host's bring-up and `doctor` both build it: the emulated
 * chips behind every emulated section (panel at rest: every jack at 0 V, gates low), the GPIO
 * chips they share with the display, and the access the device factories take.
 */
export interface RackBoard {
  readonly hw: EmulatedI2cGpioHardware;
  readonly gpioChips: EmulatedGpioChip[];
  readonly displayPins: GpioPinConfig[];
  readonly ctx: I2cGpioDeviceContext;
}

export function rackBoard(config: RackConfig, clock: Clock, adcPins?: SharedArrayBuffer): RackBoard {
  const d = config.devices;
  const displayPins: GpioPinConfig[] = [d.display.dc ?? V1_DISPLAY_PINS.dc, d.display.rst ?? V1_DISPLAY_PINS.rst];
  const gpioChips = defaultEmulatedGpioChips(clock, [d.button.pin, ...d.gates.jacks.flatMap((j) => (j.gpio ? [j.gpio] : [])), ...displayPins]);
  const hw = buildEmulatedI2cGpioHardware(d, clock, { gpioChips, adcPins });
  // Nothing patched: every emulated jack sits at 0 V (not at the breakout's reference voltage).
  for (const j of d.cvAdc.jacks) hw.panel.setCvVolts(j.jack, 0);
  for (const g of d.gates.jacks) hw.panel.setGate(g.jack, false);
  return { hw, gpioChips, displayPins, ctx: { clock, emulated: emulatedHardwareAccess(hw), real: realHardwareAccess(clock) } };
}

/** The rack's display: the ST7789 emulator on the board's GPIO chip (with its handle), or the real one on SPI and sysfs GPIO. */
export function rackDisplay(config: RackConfig, clock: Clock, board: RackBoard): { display: Display; emulated?: EmulatedDisplayHandle } {
  if (config.devices.display.binding === 'emulated') {
    const dc = locateEmulatedPin(board.displayPins[0]!, board.gpioChips, '/devices/display/dc');
    const rst = locateEmulatedPin(board.displayPins[1]!, board.gpioChips, '/devices/display/rst');
    if (dc.chip !== rst.chip) {
      throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', 'the emulated display needs DC and RST on one GPIO chip', { pointer: '/devices/display/rst' });
    }
    const emulated = createEmulatedDisplay(config.devices.display, { clock, gpio: dc.chip, dcLine: dc.line, rstLine: rst.line });
    return { display: emulated.display, emulated };
  }
  const { dc, rst } = config.devices.display;
  if (!dc || !rst) throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', 'a real display needs dc and rst pins', { pointer: '/devices/display' });
  const display = createRealDisplay(config.devices.display, {
    clock,
    dc: openOnoffOutput(resolveSysfsGpioPin(dc, undefined, { pointer: '/devices/display/dc' })),
    rst: openOnoffOutput(resolveSysfsGpioPin(rst, undefined, { pointer: '/devices/display/rst' })),
  });
  return { display };
}
