import type { RackConfig } from '../config/rack-config';
import { createEmulatedAudioOut, createRealAudioOut } from '../devices/audio-out/create-audio-out';
import type { Device, DeviceKind } from '../devices/device';
import { describeGpioPin } from '../devices/gpio/gpio-numbering';
import { createButton } from '../devices/button/create-button';
import { createCvAdc } from '../devices/cv-adc/create-cv-adc';
import { createEncoder } from '../devices/encoder/create-encoder';
import { createGates } from '../devices/gate/create-gates';
import { rackBoard, rackDisplay } from '../container/rack-board';
import { asNeurorackError, NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import { settle } from '../scheduler/settle';
import type { DoctorDeviceReport } from './doctor';

/** What `probeDevices` found: one report per configured device, and the devices it opened. */
export interface DeviceProbe {
  readonly reports: DoctorDeviceReport[];
  /** Closes every device that was opened (idempotent). */
  close(): Promise<void>;
}

/**
 * Brings every device of a rack up on its own, for `doctor`: a device that cannot be built or
 * opened (no /dev/i2c-1, no sound card of that name, no GPIO) is reported `missing` with the
 * error that stopped it, and the others are still checked. Devices that did open report their
 * own health (`ok`, `degraded`, `missing`). Unlike the host's bring-up it schedules nothing.
 */
export async function probeDevices(config: RackConfig, clock: Clock): Promise<DeviceProbe> {
  const d = config.devices;
  const board = rackBoard(config, clock);
  const { ctx } = board;

  const opened: Device[] = [];
  const reports: DoctorDeviceReport[] = [];
  const probe = async (kind: DeviceKind, id: string, binding: 'real' | 'emulated', address: string, build: () => Promise<Device>): Promise<void> => {
    try {
      const device = await settle(clock, build());
      opened.push(device);
      const h = device.health();
      reports.push({ id: device.id, kind, binding: device.binding, address: device.address, status: h.status, detail: h.detail });
    } catch (err) {
      reports.push({ id, kind, binding, address, status: 'missing', detail: asNeurorackError(err).describe() });
    }
  };

  // The gates tap the CV ADC before it opens: build both, then open both.
  let cvAdcBuilt: Awaited<ReturnType<typeof createCvAdc>> | undefined;
  let cvAdcError: unknown;
  try {
    cvAdcBuilt = await settle(clock, createCvAdc(d.cvAdc, ctx));
  } catch (err) {
    cvAdcError = err;
  }
  let gatesBuilt: Awaited<ReturnType<typeof createGates>> | undefined;
  let gatesError: unknown;
  const gatesViaAdc = d.gates.jacks.some((j) => j.adc);
  if (cvAdcBuilt || !gatesViaAdc) {
    try {
      gatesBuilt = await settle(clock, createGates(d.gates, ctx, cvAdcBuilt!));
    } catch (err) {
      gatesError = err;
    }
  } else {
    gatesError = new NeurorackError('NR_DEVICE_UNAVAILABLE', `the gates are read through the CV ADC, which is missing`, { pointer: '/devices/gates' });
  }
  const cvAdcAddress = `i2c-${d.cvAdc.bus} ${d.cvAdc.chips.map((c) => hex(c.address)).join(',')}`;
  await probe('cv-adc', 'cv-adc', d.cvAdc.binding, cvAdcAddress, async () => {
    if (!cvAdcBuilt) throw cvAdcError;
    await cvAdcBuilt.open();
    return cvAdcBuilt;
  });
  const gatesAddress = d.gates.jacks.map((j) => `gate${j.jack}=${j.gpio ? describeGpioPin(j.gpio) : `${hex(j.adc!.chip)}/AIN${j.adc!.channel}`}`).join(' ');
  await probe('gate', 'gates', gatesViaAdc ? d.cvAdc.binding : d.gates.binding, gatesAddress, async () => {
    if (!gatesBuilt) throw gatesError;
    await gatesBuilt.open();
    return gatesBuilt;
  });
  await probe('button', 'button', d.button.binding, describeGpioPin(d.button.pin), async () => {
    const button = await createButton(d.button, ctx);
    await button.open();
    return button;
  });
  await probe('encoder', 'encoder', d.encoder.binding, `i2c-${d.encoder.bus} ${hex(d.encoder.address)}`, async () => {
    const encoder = await createEncoder(d.encoder, ctx);
    await encoder.open();
    return encoder;
  });
  const spi = `spidev${d.display.spiBus}.${d.display.spiDevice}`;
  await probe('display', 'display', d.display.binding, spi, async () => {
    const { display } = rackDisplay(config, clock, board);
    await display.open();
    return display;
  });
  await probe('audio-out', 'audio-out', d.audioOut.binding, `alsa '${d.audioOut.device}'`, async () => {
    const audioOut = d.audioOut.binding === 'emulated' ? createEmulatedAudioOut(d.audioOut, { clock, pacing: 'paced' }).audioOut : createRealAudioOut(d.audioOut, { clock });
    await audioOut.open();
    return audioOut;
  });

  return {
    reports,
    async close() {
      await Promise.all(opened.splice(0).map((dev) => settle(clock, dev.close()).catch(() => undefined)));
    },
  };
}

function hex(address: number): string {
  return `0x${address.toString(16).toUpperCase().padStart(2, '0')}`;
}
