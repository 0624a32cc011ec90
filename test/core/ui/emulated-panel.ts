import { strict as assert } from 'node:assert';
import { container as rootContainer } from 'tsyringe';
import { GpioPushButton } from '../../../core/devices/button/gpio-push-button';
import { createEmulatedDisplay, type EmulatedDisplayHandle } from '../../../core/devices/display/create-display';
import { IoeEmulator } from '../../../core/devices/encoder/ioe-emulator';
import { IoeRgbEncoder } from '../../../core/devices/encoder/ioe-rgb-encoder';
import { EmulatedGpioChip } from '../../../core/devices/gpio/emulated-gpio-chip';
import { EmulatedI2cBus } from '../../../core/devices/i2c/emulated-i2c-bus';
import { hostVersion } from '../../../core/host-version';
import { paths } from '../../../core/paths';
import { pluginFoldersIn } from '../../../core/plugins/discover-plugin-dirs';
import { PluginLoader } from '../../../core/plugins/plugin-loader';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { buildScreen, type BuiltScreen } from '../../../core/ui/build-screen';
import type { HostView } from '../../../core/ui/host-view';
import { bindUiInputs } from '../../../core/ui/input-bindings';
import { LedController, type LedState } from '../../../core/ui/led-state';
import { MemoryHost, type MemoryHostOptions } from '../../../core/ui/memory-host';

const BUTTON_LINE = 50;
const ENCODER_ADDRESS = 0x0f;

/**
 * The panel at register level: the ST7789 driver over the emulated SPI bus and chip, the RGB
 * encoder driver over the emulated I2C bus and MS51 firmware, the push button on an emulated GPIO
 * line (active low, 20 ms debounce, 600 ms long press). The test's hands are the emulators' test
 * controls; its eyes are the ST7789 emulator's framebuffer and the MS51's LED outputs.
 */
export interface EmulatedPanel extends BuiltScreen {
  readonly clock: VirtualClock;
  readonly host: MemoryHost;
  readonly lcd: EmulatedDisplayHandle;
  readonly ioe: IoeEmulator;
  readonly i2c: EmulatedI2cBus;
  readonly led: LedController;
  /** Awaits `p` while moving virtual time on in 1 ms steps (drivers wait on the clock). */
  settle<T>(p: Promise<T>): Promise<T>;
  /** Turns the knob by `detents` at the chip, lets the driver poll it, waits for the screen to handle it. */
  turn(detents: number): Promise<void>;
  /** Turns quickly: each group of detents in its own 10 ms poll, back to back. */
  turnFast(groups: number[]): Promise<void>;
  /** A finger on the button for `holdMs` (short under 600 ms, long from 600 ms). */
  press(holdMs?: number): Promise<void>;
  longPress(): Promise<void>;
  /** Turns from the menu's cursor to the item labelled `label` and presses; fails where the menu has no such item. */
  choose(label: string): Promise<void>;
  /** Draws and pushes one frame to the emulated panel. */
  frame(): Promise<string>;
  ledTick(): LedState;
}

export async function emulatedPanel(view: HostView, hostOptions: MemoryHostOptions = {}, clock = new VirtualClock(1000)): Promise<EmulatedPanel> {
  const gpio = new EmulatedGpioChip('emulated-gpio', 0, 64, clock);
  const lcd = createEmulatedDisplay(
    { binding: 'emulated', spiBus: 0, spiDevice: 0, speedHz: 24_000_000, width: 240, height: 240, rowOffset: 80, init: 'adafruit', fps: 15 },
    { clock, gpio, dcLine: 13, rstLine: 15 },
  );
  const i2c = new EmulatedI2cBus(1);
  const ioe = new IoeEmulator(clock);
  i2c.attach(ENCODER_ADDRESS, ioe);
  const encoder = new IoeRgbEncoder({
    config: { binding: 'emulated', bus: 1, address: ENCODER_ADDRESS, pins: { a: 12, b: 3, common: 11 }, ledPins: { r: 1, g: 7, b: 2 }, pollMs: 10 },
    bus: i2c,
    clock,
    binding: 'emulated',
  });
  gpio.setLevel(BUTTON_LINE, 1);
  const button = new GpioPushButton({ line: gpio.input(BUTTON_LINE), clock, binding: 'emulated', activeLow: true, debounceMs: 20, longPressMs: 600 });

  const settle = async <T>(p: Promise<T>): Promise<T> => {
    let done = false;
    const tracked = p.finally(() => (done = true));
    tracked.catch(() => undefined);
    for (let i = 0; i < 200_000 && !done; i++) await clock.advance(1);
    return tracked;
  };
  await settle(lcd.display.open());
  await settle(encoder.open());
  await settle(button.open());

  const host = new MemoryHost(view, { now: () => clock.now(), ...hostOptions });
  const schemas = new SchemaRegistry();
  const loader = new PluginLoader(schemas, hostVersion, rootContainer.createChildContainer());
  loader.discover(pluginFoldersIn(paths.builtinPlugins, 'builtin'));
  const built = await buildScreen({ loader, schemas, display: lcd.display, clock, view: () => host.view(), actions: host });
  const runtime = built.runtime;
  bindUiInputs(runtime, { encoder, buttons: [button] });
  const led = new LedController(() => ({ view: host.view(), ...runtime.status() }), (c) => encoder.setColor(c.r, c.g, c.b), () => clock.now());

  const press = async (holdMs = 80): Promise<void> => {
    gpio.setLevel(BUTTON_LINE, 0);
    await clock.advance(holdMs);
    gpio.setLevel(BUTTON_LINE, 1);
    await clock.advance(40);
    await settle(runtime.whenIdle());
  };
  const turn = async (detents: number): Promise<void> => {
    ioe.turn(detents);
    await settle(encoder.poll());
    await clock.advance(200); // slow turning: no acceleration
    await settle(runtime.whenIdle());
  };
  return {
    ...built,
    clock,
    host,
    lcd,
    ioe,
    i2c,
    led,
    settle,
    turn,
    async turnFast(groups) {
      for (const d of groups) {
        ioe.turn(d);
        await settle(encoder.poll());
        await clock.advance(10);
      }
      await settle(runtime.whenIdle());
    },
    press,
    longPress: () => press(700),
    async choose(label) {
      const menu = runtime.nav.menuFrame();
      const target = menu.lines.findIndex((l) => l.label === label);
      assert.ok(target >= 0, `no "${label}" in the menu`);
      if (target !== menu.cursor) await turn(target - menu.cursor);
      await press();
    },
    async frame() {
      const outcome = await settle(runtime.frame());
      await settle(encoder.poll());
      return outcome;
    },
    ledTick: () => led.tick(),
  };
}
