import type { Clock } from '../scheduler/clock';
import { NeurorackError } from '../errors/neurorack-error';
import { Ads1x15Emulator } from './cv-adc/ads1x15-emulator';
import { DEFAULT_REFERENCE_VOLTS } from './cv-adc/cv-adc-config';
import { IoeEmulator } from './encoder/ioe-emulator';
import { defaultEmulatedGpioChips, locateEmulatedPin } from './gpio/emulated-gpio-access';
import type { EmulatedGpioChip } from './gpio/emulated-gpio-chip';
import type { GpioPinConfig } from './gpio/gpio-numbering';
import type { HardwareAccess } from './hardware-access';
import { EmulatedI2cBus } from './i2c/emulated-i2c-bus';
import type { I2cGpioDeviceSections } from './i2c-gpio-sections';
import { PANEL_GATE_HIGH_VOLTS, type VirtualPanel } from './virtual-panel';

/** The physical board an emulated rack models; by default what the config describes. */
export interface EmulatedBoard {
  readonly i2cBuses: readonly number[];
  readonly adcChips: ReadonlyArray<{ readonly bus: number; readonly address: number; readonly variant: 'ads1015' | 'ads1115' }>;
  readonly encoder?: { readonly bus: number; readonly address: number; readonly wiring: { a: number; b: number }; readonly ledWiring: { r: number; g: number; b: number } };
}

/** The emulated chips behind the I2C/GPIO devices, with their fault controls and the panel. */
export interface EmulatedI2cGpioHardware {
  readonly clock: Clock;
  readonly buses: ReadonlyMap<number, EmulatedI2cBus>;
  /** ADS1x15 emulators by `${bus}:${address}` and, for convenience, by address alone. */
  readonly adcChips: ReadonlyMap<number | string, Ads1x15Emulator>;
  readonly encoderChip: IoeEmulator | undefined;
  readonly gpioChips: readonly EmulatedGpioChip[];
  readonly panel: VirtualPanel;
  /**
   * The ADC chips' input pins (four float64 volts per chip, in board order), shared memory: the
   * jacks as wires. A second copy of these chips in another thread, built on the same memory
   * (`adcPins` option), converts what this panel sets.
   */
  readonly adcPins: SharedArrayBuffer;
}

/** Bytes of pin memory per ADC chip: AIN0..AIN3 as float64 volts. */
const ADC_PIN_BYTES = 4 * Float64Array.BYTES_PER_ELEMENT;

export function boardFromConfig(sections: I2cGpioDeviceSections): EmulatedBoard {
  const { cvAdc, encoder } = sections;
  return {
    i2cBuses: [...new Set([cvAdc.bus, encoder.bus])],
    adcChips: cvAdc.chips.map((c) => ({ bus: cvAdc.bus, address: c.address, variant: c.variant })),
    encoder: {
      bus: encoder.bus,
      address: encoder.address,
      wiring: { a: encoder.pins.a, b: encoder.pins.b },
      ledWiring: { ...encoder.ledPins },
    },
  };
}

/**
 * Pin memory for the emulated ADC chips of these sections, shared by the threads that build them
 * (`adcPins` option): every jack at 0 V (nothing patched), AIN3 at the breakout's reference.
 */
export function emulatedAdcPins(sections: I2cGpioDeviceSections, board: EmulatedBoard = boardFromConfig(sections)): SharedArrayBuffer {
  const memory = new SharedArrayBuffer(ADC_PIN_BYTES * board.adcChips.length);
  const zeroVoltsAtJack = DEFAULT_REFERENCE_VOLTS - DEFAULT_REFERENCE_VOLTS / sections.cvAdc.dividerRatio;
  for (let i = 0; i < board.adcChips.length; i++) new Float64Array(memory, i * ADC_PIN_BYTES, 4).set([zeroVoltsAtJack, zeroVoltsAtJack, zeroVoltsAtJack, DEFAULT_REFERENCE_VOLTS]);
  return memory;
}

/** Builds the emulated chips for these sections and wires the panel's controls to them. */
export function buildEmulatedI2cGpioHardware(
  sections: I2cGpioDeviceSections,
  clock: Clock,
  options: { board?: EmulatedBoard; gpioChips?: EmulatedGpioChip[]; adcPins?: SharedArrayBuffer } = {},
): EmulatedI2cGpioHardware {
  const board = options.board ?? boardFromConfig(sections);
  const pins: GpioPinConfig[] = [sections.button.pin, ...sections.gates.jacks.flatMap((j) => (j.gpio ? [j.gpio] : []))];
  const gpioChips = options.gpioChips ?? defaultEmulatedGpioChips(clock, pins);
  const buses = new Map<number, EmulatedI2cBus>();
  for (const n of board.i2cBuses) buses.set(n, new EmulatedI2cBus(n));
  const adcChips = new Map<number | string, Ads1x15Emulator>();
  const adcPins = options.adcPins ?? new SharedArrayBuffer(ADC_PIN_BYTES * board.adcChips.length);
  if (adcPins.byteLength !== ADC_PIN_BYTES * board.adcChips.length) throw new RangeError(`ADC pin memory holds ${adcPins.byteLength / ADC_PIN_BYTES} chips, the board has ${board.adcChips.length}`);
  for (const [i, c] of board.adcChips.entries()) {
    const pins = new Float64Array(adcPins, i * ADC_PIN_BYTES, 4);
    // Fresh memory starts at the breakout's reference; shared memory is left as its panel has it.
    if (!options.adcPins) pins.fill(DEFAULT_REFERENCE_VOLTS);
    const chip = new Ads1x15Emulator(clock, { variant: c.variant, dividerRatio: sections.cvAdc.dividerRatio, referenceVolts: DEFAULT_REFERENCE_VOLTS, pins });
    buses.get(c.bus)?.attach(c.address, chip);
    adcChips.set(`${c.bus}:${c.address}`, chip);
    if (c.bus === sections.cvAdc.bus) adcChips.set(c.address, chip);
  }
  let encoderChip: IoeEmulator | undefined;
  if (board.encoder) {
    encoderChip = new IoeEmulator(clock, { wiring: board.encoder.wiring, ledWiring: board.encoder.ledWiring });
    buses.get(board.encoder.bus)?.attach(board.encoder.address, encoderChip);
  }
  const cvBusChip = (address: number) => adcChips.get(`${sections.cvAdc.bus}:${address}`);
  const panel: VirtualPanel = {
    setCvVolts(jack, volts) {
      const j = sections.cvAdc.jacks.find((x) => x.jack === jack);
      if (!j) throw new RangeError(`CV jack ${jack} is not configured (jacks: ${sections.cvAdc.jacks.map((x) => x.jack).join(', ')})`);
      cvBusChip(j.chip)?.setJackVolts(j.channel, volts);
    },
    setGate(jack, high) {
      const g = sections.gates.jacks.find((x) => x.jack === jack);
      if (!g) throw new RangeError(`gate jack ${jack} is not configured`);
      if (g.adc) cvBusChip(g.adc.chip)?.setJackVolts(g.adc.channel, high ? PANEL_GATE_HIGH_VOLTS : 0);
      else if (g.gpio) {
        const { chip, offset } = locateEmulatedPin(g.gpio, gpioChips);
        chip.setLevel(offset, high ? 1 : 0);
      }
    },
    setButton(down) {
      const { chip, offset } = locateEmulatedPin(sections.button.pin, gpioChips);
      const pressed = sections.button.activeLow ? 0 : 1;
      chip.setLevel(offset, down ? pressed : pressed === 1 ? 0 : 1);
    },
    turnEncoder(detents) {
      encoderChip?.turn(detents);
    },
    ledColor() {
      return encoderChip?.ledColor() ?? { r: 0, g: 0, b: 0 };
    },
  };
  // Idle levels: button released, GPIO gates low.
  if (sections.button.binding === 'emulated') panel.setButton(false);
  for (const g of sections.gates.jacks) if (g.gpio && sections.gates.binding === 'emulated') panel.setGate(g.jack, false);
  return { clock, buses, adcChips, encoderChip, gpioChips, panel, adcPins };
}

/** Access to the emulated chips. */
export function emulatedHardwareAccess(hw: EmulatedI2cGpioHardware): HardwareAccess {
  return {
    binding: 'emulated',
    async i2cBus(busNumber) {
      const bus = hw.buses.get(busNumber);
      if (!bus) throw new NeurorackError('NR_I2C_BUS_UNAVAILABLE', `no emulated I2C bus ${busNumber} (buses: ${[...hw.buses.keys()].join(', ')})`, { device: `i2c-${busNumber}` });
      return bus;
    },
    async gpioInput(pin, _edge, pointer) {
      const { chip, line } = locateEmulatedPin(pin, hw.gpioChips, pointer);
      return chip.input(line);
    },
  };
}
