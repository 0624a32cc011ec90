import type { Clock } from '../scheduler/clock';
import { NeurorackError } from '../errors/neurorack-error';
import type { Device } from './device';
import type { ButtonConfig } from './button/button-config';
import { GpioPushButton } from './button/gpio-push-button';
import type { PushButton } from './button/push-button';
import { Ads1x15CvAdc } from './cv-adc/ads1x15-cv-adc';
import { Ads1x15Emulator } from './cv-adc/ads1x15-emulator';
import type { CvAdc } from './cv-adc/cv-adc';
import { DEFAULT_REFERENCE_VOLTS, type CvAdcConfig } from './cv-adc/cv-adc-config';
import type { EncoderConfig } from './encoder/encoder-config';
import { IoeEmulator } from './encoder/ioe-emulator';
import { IoeRgbEncoder } from './encoder/ioe-rgb-encoder';
import type { RgbEncoder } from './encoder/rgb-encoder';
import { AdcGates } from './gate/adc-gates';
import type { GateInputs } from './gate/gate-inputs';
import type { GatesConfig } from './gate/gates-config';
import { GpioGates } from './gate/gpio-gates';
import { defaultEmulatedGpioChips, locateEmulatedPin } from './gpio/emulated-gpio-access';
import type { EmulatedGpioChip } from './gpio/emulated-gpio-chip';
import type { Edge, GpioInput } from './gpio/gpio-line';
import { SYSFS_GPIO_ROOT, resolveSysfsGpioPin, type GpioPinConfig } from './gpio/gpio-numbering';
import { openOnoffInput } from './gpio/onoff-gpio';
import { EmulatedI2cBus } from './i2c/emulated-i2c-bus';
import type { I2cBus } from './i2c/i2c-bus';
import { RealI2cBus } from './i2c/real-i2c-bus';

/** The rack config's device sections these factories read (after schema defaults). */
export interface I2cGpioDeviceSections {
  readonly cvAdc: CvAdcConfig;
  readonly gates: GatesConfig;
  readonly button: ButtonConfig;
  readonly encoder: EncoderConfig;
}

/**
 * What the drivers need from a binding: I2C buses by number and GPIO input lines by configured pin.
 * One implementation talks to the kernel, the other to an {@link EmulatedI2cGpioHardware}.
 */
export interface HardwareAccess {
  readonly binding: 'real' | 'emulated';
  i2cBus(busNumber: number): Promise<I2cBus>;
  gpioInput(pin: GpioPinConfig, edge: Edge, pointer: string): Promise<GpioInput>;
}

/** The physical board an emulated rack models; by default what the config describes. */
export interface EmulatedBoard {
  readonly i2cBuses: readonly number[];
  readonly adcChips: ReadonlyArray<{ readonly bus: number; readonly address: number; readonly variant: 'ads1015' | 'ads1115' }>;
  readonly encoder?: { readonly bus: number; readonly address: number; readonly wiring: { a: number; b: number }; readonly ledWiring: { r: number; g: number; b: number } };
}

/**
 * The test controls of the emulated panel, as a patch cable and a hand would use them. Events
 * enter at the chips (a CV sets the emulated jack voltage that the ADS1015 converts), so whatever
 * drives the panel exercises the real drivers.
 */
export interface VirtualPanel {
  /** Jack 1..4, volts at the jack. */
  setCvVolts(jack: number, volts: number): void;
  /** Jack 1..2: a gate at `highVolts` (default 5 V) or 0 V (ADC gates), or the line level (GPIO). */
  setGate(jack: number, high: boolean): void;
  setButton(down: boolean): void;
  turnEncoder(detents: number): void;
  /** What the encoder's LED shows, 0..255 per colour. */
  ledColor(): { r: number; g: number; b: number };
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

/** Gate jack volts the panel applies for a high gate. */
export const PANEL_GATE_HIGH_VOLTS = 5;

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

export interface I2cGpioDeviceContext {
  readonly clock: Clock;
  /** Access for sections whose binding is `real` / `emulated`. */
  readonly real?: HardwareAccess;
  readonly emulated?: HardwareAccess;
}

function accessFor(ctx: I2cGpioDeviceContext, binding: 'real' | 'emulated', section: string): HardwareAccess {
  const access = ctx[binding];
  if (!access) throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', `devices.${section} asks for the ${binding} binding, which this host was not given`, { pointer: `/devices/${section}/binding` });
  return access;
}

export async function createCvAdc(config: CvAdcConfig, ctx: I2cGpioDeviceContext): Promise<Ads1x15CvAdc> {
  const access = accessFor(ctx, config.binding, 'cvAdc');
  return new Ads1x15CvAdc({ config, bus: await access.i2cBus(config.bus), clock: ctx.clock, binding: config.binding });
}

/** ADC gates ride on `cvAdc` (call before opening it); GPIO gates open their lines. */
export async function createGates(config: GatesConfig, ctx: I2cGpioDeviceContext, cvAdc: CvAdc): Promise<GateInputs> {
  const viaAdc = config.jacks.filter((j) => j.adc).length;
  if (viaAdc > 0 && viaAdc < config.jacks.length) {
    throw new NeurorackError('NR_DEVICE_CONFIG_INVALID', 'devices.gates mixes adc and gpio jacks; use one kind for both', { pointer: '/devices/gates/jacks' });
  }
  if (viaAdc > 0) return new AdcGates({ config, adc: cvAdc, binding: cvAdc.binding });
  const access = accessFor(ctx, config.binding, 'gates');
  const lines = new Map<number, GpioInput>();
  for (const [i, j] of config.jacks.entries()) lines.set(j.jack, await access.gpioInput(j.gpio!, 'both', `/devices/gates/jacks/${i}/gpio`));
  return new GpioGates({ lines, debounceMs: config.debounceMs, clock: ctx.clock, binding: config.binding });
}

export async function createButton(config: ButtonConfig, ctx: I2cGpioDeviceContext): Promise<PushButton> {
  const access = accessFor(ctx, config.binding, 'button');
  const line = await access.gpioInput(config.pin, 'both', '/devices/button/pin');
  return new GpioPushButton({ line, clock: ctx.clock, binding: config.binding, activeLow: config.activeLow, debounceMs: config.debounceMs, longPressMs: config.longPressMs });
}

export async function createEncoder(config: EncoderConfig, ctx: I2cGpioDeviceContext): Promise<RgbEncoder> {
  const access = accessFor(ctx, config.binding, 'encoder');
  return new IoeRgbEncoder({ config, bus: await access.i2cBus(config.bus), clock: ctx.clock, binding: config.binding });
}

/** The devices a gate and a CV are read through: what the control thread owns. */
export interface ControlDevices {
  readonly cvAdc: CvAdc;
  readonly gates: GateInputs;
}

/** The devices a hand plays on the panel: what the screen and menu own. */
export interface PanelDevices {
  readonly button: PushButton;
  readonly encoder: RgbEncoder;
}

export interface I2cGpioDevices extends ControlDevices, PanelDevices {
  readonly all: readonly Device[];
}

/** The CV ADC and the gates (gates tap the ADC before it opens), opened; their timers not started. */
export async function createControlDevices(sections: Pick<I2cGpioDeviceSections, 'cvAdc' | 'gates'>, ctx: I2cGpioDeviceContext): Promise<ControlDevices> {
  const cvAdc = await createCvAdc(sections.cvAdc, ctx);
  const gates = await createGates(sections.gates, ctx, cvAdc);
  await cvAdc.open();
  await gates.open();
  return { cvAdc, gates };
}

/** The push button and the encoder, opened; the encoder's polls not started. */
export async function createPanelDevices(sections: Pick<I2cGpioDeviceSections, 'button' | 'encoder'>, ctx: I2cGpioDeviceContext): Promise<PanelDevices> {
  const button = await createButton(sections.button, ctx);
  const encoder = await createEncoder(sections.encoder, ctx);
  await button.open();
  await encoder.open();
  return { button, encoder };
}

/**
 * Builds the four devices in the order they need, opens them and starts their periodic work (ADC
 * scans, encoder polls) unless `startTimers` is false. Rejects only for configuration that cannot
 * be wired; absent or failing chips show in `health()`.
 */
export async function createI2cGpioDevices(sections: I2cGpioDeviceSections, ctx: I2cGpioDeviceContext, options: { startTimers?: boolean } = {}): Promise<I2cGpioDevices> {
  const { cvAdc, gates } = await createControlDevices(sections, ctx);
  const { button, encoder } = await createPanelDevices(sections, ctx);
  // The host drives scans and polls from its scheduler instead (deadline accounting); tools and
  // tests without one let the drivers run their own timers.
  if (options.startTimers !== false) {
    cvAdc.start();
    encoder.start();
  }
  return { cvAdc, gates, button, encoder, all: [cvAdc, gates, button, encoder] };
}
