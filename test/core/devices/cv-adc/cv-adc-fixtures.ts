import { Ads1x15CvAdc } from '../../../../core/devices/cv-adc/ads1x15-cv-adc';
import { Ads1x15Emulator } from '../../../../core/devices/cv-adc/ads1x15-emulator';
import type { CvAdcConfig, CvJackConfig } from '../../../../core/devices/cv-adc/cv-adc-config';
import { EmulatedI2cBus } from '../../../../core/devices/i2c/emulated-i2c-bus';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';

/** Breakout constants as hardware-facts.md states them (not taken from the code under test). */
export const RATIO = (8.06e6 + 402e3) / 402e3;
export const REF = 1.241;

export function jack(j: number, chip: number, channel: number, extra: Partial<CvJackConfig> = {}): CvJackConfig {
  return { jack: j, chip, channel, range: 'bipolar-5v', calibration: { offset: 0, gain: 1 }, ...extra };
}

/** The v1 board layout (test/virtual profiles) with schema defaults. */
export function v1Config(overrides: Partial<CvAdcConfig> = {}): CvAdcConfig {
  return {
    binding: 'emulated',
    bus: 1,
    chips: [
      { address: 0x48, variant: 'ads1015' },
      { address: 0x49, variant: 'ads1015' },
    ],
    dataRate: 3300,
    pgaVolts: 2.048,
    dividerRatio: RATIO,
    scanHz: 200,
    jackPollHz: 0,
    jacks: [jack(1, 0x48, 2), jack(2, 0x49, 0), jack(3, 0x49, 1), jack(4, 0x49, 2)],
    ...overrides,
  };
}

export function emulatedAdc(config: CvAdcConfig = v1Config(), board = config.chips) {
  const clock = new VirtualClock();
  const bus = new EmulatedI2cBus(config.bus);
  const chips = new Map<number, Ads1x15Emulator>();
  for (const c of board) {
    const chip = new Ads1x15Emulator(clock, { variant: c.variant });
    chips.set(c.address, chip);
    bus.attach(c.address, chip);
  }
  const adc = new Ads1x15CvAdc({ config, bus, clock, binding: 'emulated' });
  /** Sets a CV jack's volts at the emulated chip that config wires it to. */
  const setJack = (n: number, volts: number): void => {
    const j = config.jacks.find((x) => x.jack === n)!;
    chips.get(j.chip)!.setJackVolts(j.channel, volts);
  };
  /** Runs one scan, moving the virtual clock along with it. */
  const scan = async (advanceMs = 10) => {
    const p = adc.scan();
    await clock.advance(advanceMs);
    return p;
  };
  return { clock, bus, chips, adc, setJack, scan };
}
