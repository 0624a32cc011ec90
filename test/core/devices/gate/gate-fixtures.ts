import { Ads1x15CvAdc } from '../../../../core/devices/cv-adc/ads1x15-cv-adc';
import { Ads1x15Emulator } from '../../../../core/devices/cv-adc/ads1x15-emulator';
import { AdcGates } from '../../../../core/devices/gate/adc-gates';
import type { GateEvent, GateInputs } from '../../../../core/devices/gate/gate-inputs';
import type { GatesConfig } from '../../../../core/devices/gate/gates-config';
import { GpioGates } from '../../../../core/devices/gate/gpio-gates';
import { EmulatedGpioChip } from '../../../../core/devices/gpio/emulated-gpio-chip';
import { EmulatedI2cBus } from '../../../../core/devices/i2c/emulated-i2c-bus';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { v1Config } from '../cv-adc/cv-adc-fixtures';

export interface GateHarness {
  gates: GateInputs;
  clock: VirtualClock;
  events: GateEvent[];
  setGate(jack: number, high: boolean, volts?: number): void;
  open(): Promise<void>;
}

export const adcGatesConfig = (extra: Partial<GatesConfig> = {}): GatesConfig => ({
  binding: 'emulated',
  thresholdVolts: 1,
  rearmSeconds: 0.1,
  pollHz: 1500,
  debounceMs: 1,
  jacks: [
    { jack: 1, adc: { chip: 0x48, channel: 0 } },
    { jack: 2, adc: { chip: 0x48, channel: 1 } },
  ],
  ...extra,
});

/** v1 gates: ADS1015 0x48 AIN0/AIN1, polled between the CV scans (200 Hz). */
export function adcGateHarness(extra: Partial<GatesConfig> = {}) {
  const clock = new VirtualClock();
  const bus = new EmulatedI2cBus(1);
  const chip48 = new Ads1x15Emulator(clock);
  bus.attach(0x48, chip48);
  bus.attach(0x49, new Ads1x15Emulator(clock));
  const adc = new Ads1x15CvAdc({ config: v1Config(), bus, clock, binding: 'emulated' });
  const gates = new AdcGates({ config: adcGatesConfig(extra), adc, binding: 'emulated' });
  const events: GateEvent[] = [];
  gates.onEdge((e) => events.push(e));
  const h: GateHarness & { bus: EmulatedI2cBus; adc: Ads1x15CvAdc; chip48: Ads1x15Emulator } = {
    gates,
    clock,
    events,
    bus,
    adc,
    chip48,
    setGate: (jack, high, volts) => chip48.setJackVolts(jack - 1, volts ?? (high ? 5 : 0)),
    async open() {
      await adc.open();
      await gates.open();
      adc.start();
    },
  };
  return h;
}

/** Gates on GPIO lines 5 and 6 of an emulated pinctrl-rp1 (Pi 5 base 571). */
export function gpioGateHarness(debounceMs = 1) {
  const clock = new VirtualClock();
  const chip = new EmulatedGpioChip('pinctrl-rp1', 571, 54, clock);
  chip.setLevel(5, 0);
  chip.setLevel(6, 0);
  const lines = new Map([
    [1, chip.input(576)],
    [2, chip.input(577)],
  ]);
  const gates = new GpioGates({ lines, debounceMs, clock, binding: 'emulated' });
  const events: GateEvent[] = [];
  gates.onEdge((e) => events.push(e));
  const h: GateHarness & { chip: EmulatedGpioChip } = {
    gates,
    clock,
    events,
    chip,
    setGate: (jack, high) => chip.setLevel(jack + 4, high ? 1 : 0),
    open: () => gates.open(),
  };
  return h;
}
