import type { EncoderConfig } from '../../../../core/devices/encoder/encoder-config';
import { IoeEmulator, type IoeEmulatorOptions } from '../../../../core/devices/encoder/ioe-emulator';
import { IoeRgbEncoder } from '../../../../core/devices/encoder/ioe-rgb-encoder';
import type { TurnEvent } from '../../../../core/devices/encoder/rgb-encoder';
import { EmulatedI2cBus } from '../../../../core/devices/i2c/emulated-i2c-bus';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';

export const v1Encoder = (extra: Partial<EncoderConfig> = {}): EncoderConfig => ({
  binding: 'emulated',
  bus: 1,
  address: 0x0f,
  pins: { a: 12, b: 3, common: 11 },
  ledPins: { r: 1, g: 7, b: 2 },
  pollMs: 10,
  ...extra,
});

export function emulatedEncoder(extra: Partial<EncoderConfig> = {}, chipOptions: IoeEmulatorOptions = {}, chipAddress = 0x0f) {
  const clock = new VirtualClock();
  const bus = new EmulatedI2cBus(1);
  const chip = new IoeEmulator(clock, chipOptions);
  bus.attach(chipAddress, chip);
  const encoder = new IoeRgbEncoder({ config: v1Encoder(extra), bus, clock, binding: 'emulated' });
  const turns: TurnEvent[] = [];
  encoder.onTurn((t) => turns.push(t));
  return { clock, bus, chip, encoder, turns };
}
