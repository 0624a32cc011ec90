import type { DependencyContainer } from 'tsyringe';
import type { RackConfig } from '../config/rack-config';
import { createEmulatedAudioOut, createRealAudioOut } from '../devices/audio-out/create-audio-out';
import type { Device } from '../devices/device';
import { createEmulatedDisplay, createRealDisplay } from '../devices/display/create-display';
import type { Display } from '../devices/display/display';
import { defaultEmulatedGpioChips, locateEmulatedPin } from '../devices/gpio/emulated-gpio-access';
import type { GpioPinConfig } from '../devices/gpio/gpio-numbering';
import { resolveSysfsGpioPin } from '../devices/gpio/gpio-numbering';
import { openOnoffOutput } from '../devices/gpio/onoff-gpio';
import {
  buildEmulatedI2cGpioHardware,
  createControlDevices,
  createPanelDevices,
  emulatedHardwareAccess,
  realHardwareAccess,
} from '../devices/i2c-gpio-devices';
import { NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import { Priority } from '../scheduler/scheduler';
import { scheduleCvScans } from './schedule-cv-scans';
import { settle } from '../scheduler/settle';
import type { EmulatedRack } from './emulated-rack';
import { Tokens } from './tokens';

/** Default DC and RST for an emulated display whose rack names none (the v1 board's lines). */
const V1_DISPLAY_PINS = { dc: { sysfs: 13 }, rst: { sysfs: 15 } } as const;

/** Where the CV ADC and the gates are read: here (this thread's scheduler scans them) or by a control thread. */
export interface BringUpOptions {
  readonly control?: 'here' | 'elsewhere';
  /** The emulated ADC chips' pins, when a control thread shares them (see `emulatedAdcPins`). */
  readonly adcPins?: SharedArrayBuffer;
}

/**
 * Builds every device the rack configures, real or emulated, opens it, schedules its periodic work
 * (CV scans, encoder polls) on the host's scheduler, and registers it under its
 * token (plus `Devices` for doctor and, when anything is emulated, `VirtualPanel` for the emulated
 * rack). With `control: 'elsewhere'` the CV ADC and the gates are left to a control thread (it
 * builds them on the same emulated pins, `EmulatedRack.i2cGpio.adcPins`), and their tokens to
 * whoever starts it. Rejects only for a configuration that cannot be wired; absent or failing chips
 * show up in each device's `health()`.
 */
export async function bringUpDevices(c: DependencyContainer, options: BringUpOptions = {}): Promise<EmulatedRack | undefined> {
  const { config } = c.resolve(Tokens.Rack);
  const clock = c.resolve(Tokens.Clock);
  const d = config.devices;
  const displayPins: GpioPinConfig[] = [d.display.dc ?? V1_DISPLAY_PINS.dc, d.display.rst ?? V1_DISPLAY_PINS.rst];
  const gpioChips = defaultEmulatedGpioChips(clock, [d.button.pin, ...d.gates.jacks.flatMap((j) => (j.gpio ? [j.gpio] : [])), ...displayPins]);
  const hw = buildEmulatedI2cGpioHardware(d, clock, { gpioChips, adcPins: options.adcPins });
  // Nothing patched: every emulated jack sits at 0 V (not at the breakout's reference voltage).
  for (const j of d.cvAdc.jacks) hw.panel.setCvVolts(j.jack, 0);
  for (const g of d.gates.jacks) hw.panel.setGate(g.jack, false);

  const ctx = { clock, emulated: emulatedHardwareAccess(hw), real: realHardwareAccess(clock) };
  const scheduler = c.resolve(Tokens.Scheduler);
  const devices: Device[] = [];
  if (options.control !== 'elsewhere') {
    const control = await settle(clock, createControlDevices(d, ctx));
    scheduleCvScans(scheduler, control.cvAdc, d.cvAdc.scanHz);
    c.register(Tokens.CvAdc, { useValue: control.cvAdc });
    c.register(Tokens.Gates, { useValue: control.gates });
    devices.push(control.cvAdc, control.gates);
  }
  const panel = await settle(clock, createPanelDevices(d, ctx));
  scheduler.addPeriodic({ id: 'encoder-poll', periodMs: d.encoder.pollMs, priority: Priority.control, run: () => panel.encoder.poll() });

  const emulatedDisplay = d.display.binding === 'emulated' ? emulatedDisplayFor(config, clock, gpioChips, displayPins) : undefined;
  const display: Display = emulatedDisplay?.display ?? realDisplayFor(config, clock);
  const emulatedAudio = d.audioOut.binding === 'emulated' ? createEmulatedAudioOut(d.audioOut, { clock, pacing: 'paced' }) : undefined;
  const audioOut = emulatedAudio?.audioOut ?? createRealAudioOut(d.audioOut, { clock });
  await settle(clock, Promise.all([display.open(), audioOut.open()]));

  devices.push(panel.button, panel.encoder, display, audioOut);
  c.register(Tokens.Button, { useValue: panel.button });
  c.register(Tokens.Encoder, { useValue: panel.encoder });
  c.register(Tokens.Display, { useValue: display });
  c.register(Tokens.AudioOut, { useValue: audioOut });
  c.register(Tokens.Devices, { useValue: devices });
  const anyEmulated = Object.values(d).some((s) => s.binding === 'emulated');
  const rack: EmulatedRack | undefined = anyEmulated ? { panel: hw.panel, i2cGpio: hw, display: emulatedDisplay, audio: emulatedAudio } : undefined;
  if (rack) c.register(Tokens.VirtualPanel, { useValue: rack });
  return rack;
}

function emulatedDisplayFor(config: RackConfig, clock: Clock, chips: Parameters<typeof locateEmulatedPin>[1], pins: GpioPinConfig[]) {
  const dc = locateEmulatedPin(pins[0]!, chips, '/devices/display/dc');
  const rst = locateEmulatedPin(pins[1]!, chips, '/devices/display/rst');
  if (dc.chip !== rst.chip) {
    throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', 'the emulated display needs DC and RST on one GPIO chip', { pointer: '/devices/display/rst' });
  }
  return createEmulatedDisplay(config.devices.display, { clock, gpio: dc.chip, dcLine: dc.line, rstLine: rst.line });
}

function realDisplayFor(config: RackConfig, clock: Clock): Display {
  const { dc, rst } = config.devices.display;
  if (!dc || !rst) throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', 'a real display needs dc and rst pins', { pointer: '/devices/display' });
  return createRealDisplay(config.devices.display, {
    clock,
    dc: openOnoffOutput(resolveSysfsGpioPin(dc, undefined, { pointer: '/devices/display/dc' })),
    rst: openOnoffOutput(resolveSysfsGpioPin(rst, undefined, { pointer: '/devices/display/rst' })),
  });
}
