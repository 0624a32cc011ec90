import type { DependencyContainer } from 'tsyringe';
import { audioOutShareable } from '../devices/audio-out/audio-out-shareable';
import { createEmulatedAudioOut, createRealAudioOut } from '../devices/audio-out/create-audio-out';
import type { Device } from '../devices/device';
import { createControlDevices, createPanelDevices } from '../devices/i2c-gpio-devices';
import { Priority } from '../scheduler/scheduler';
import { settle } from '../scheduler/settle';
import { rackBoard, rackDisplay } from './rack-board';
import { scheduleCvScans } from './schedule-cv-scans';
import type { EmulatedRack } from './emulated-rack';
import { Tokens } from './tokens';

/** Where the CV ADC and the gates are read: here (this thread's scheduler scans them) or by a control thread. */
export interface BringUpOptions {
  readonly control?: 'here' | 'elsewhere';
  /** The emulated ADC chips' pins, when a control thread shares them (see `emulatedAdcPins`). */
  readonly adcPins?: SharedArrayBuffer;
  /** Whether the display's init sequence is awaited here or left running (see ClockChoices.displayInit; default in turn). */
  readonly displayInit?: 'beside' | 'in-turn';
}

/** The devices are up: the emulated rack, when anything is emulated, and the display's opening. */
export interface DevicesUp {
  readonly emulated: EmulatedRack | undefined;
  /** Resolves once the display has run its init sequence (at once when it ran in turn). */
  readonly displayOpened: Promise<void>;
}

/**
 * Builds every device the rack configures, real or emulated, opens it, schedules its periodic work
 * (CV scans, encoder polls) on the host's scheduler, and registers it under its
 * token (plus `Devices` for doctor and, when anything is emulated, `VirtualPanel` for the emulated
 * rack). With `displayInit: 'beside'` it does not wait for the display's init sequence (its
 * delays are the panel's own: 255 ms for the v1 init, 355 ms for Pimoroni's); the screen waits
 * for `displayOpened`. With `control: 'elsewhere'` the CV ADC and the gates are left to a control
 * thread (it builds them on the same emulated pins, `EmulatedRack.i2cGpio.adcPins`), and their tokens to
 * whoever starts it. Rejects only for a configuration that cannot be wired; absent or failing chips
 * show up in each device's `health()`.
 */
export async function bringUpDevices(c: DependencyContainer, options: BringUpOptions = {}): Promise<DevicesUp> {
  const { config } = c.resolve(Tokens.Rack);
  const clock = c.resolve(Tokens.Clock);
  const d = config.devices;
  const board = rackBoard(config, clock, options.adcPins);
  const { hw, ctx } = board;
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

  const { display, emulated: emulatedDisplay } = rackDisplay(config, clock, board);
  // On the real clock the audio worker writes a device it can share itself (AudioThread): this
  // thread's driver then needs no resampler of its own.
  const writesHere = c.resolve(Tokens.ClockChoices).audioPath === 'sync' || !audioOutShareable(d.audioOut);
  const emulatedAudio = d.audioOut.binding === 'emulated' ? createEmulatedAudioOut(d.audioOut, { clock, pacing: 'paced', writesHere }) : undefined;
  const audioOut = emulatedAudio?.audioOut ?? createRealAudioOut(d.audioOut, { clock, writesHere });
  let displayOpened: Promise<void> = Promise.resolve();
  if (options.displayInit === 'beside') {
    displayOpened = display.open();
    displayOpened.catch(() => undefined); // awaited by whoever starts the screen
    await audioOut.open();
  } else {
    await settle(clock, Promise.all([display.open(), audioOut.open()]));
  }

  devices.push(panel.button, panel.encoder, display, audioOut);
  c.register(Tokens.Button, { useValue: panel.button });
  c.register(Tokens.Encoder, { useValue: panel.encoder });
  c.register(Tokens.Display, { useValue: display });
  c.register(Tokens.AudioOut, { useValue: audioOut });
  c.register(Tokens.Devices, { useValue: devices });
  const anyEmulated = Object.values(d).some((s) => s.binding === 'emulated');
  const rack: EmulatedRack | undefined = anyEmulated ? { panel: hw.panel, i2cGpio: hw, display: emulatedDisplay, audio: emulatedAudio } : undefined;
  if (rack) c.register(Tokens.VirtualPanel, { useValue: rack });
  return { emulated: rack, displayOpened };
}
