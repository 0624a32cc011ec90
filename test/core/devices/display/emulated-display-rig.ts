import { createEmulatedDisplay, type DisplayConfig, type EmulatedDisplayHandle } from '../../../../core/devices/display/create-display';
import { EmulatedGpioChip } from '../../../../core/devices/gpio/emulated-gpio-chip';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';

export const DC_LINE = 13;
export const RST_LINE = 15;

export const defaultDisplayConfig: DisplayConfig = {
  binding: 'emulated',
  spiBus: 0,
  spiDevice: 0,
  speedHz: 24_000_000,
  width: 240,
  height: 240,
  rowOffset: 80,
  init: 'adafruit',
  fps: 15,
};

export interface Rig extends EmulatedDisplayHandle {
  readonly clock: VirtualClock;
  readonly gpio: EmulatedGpioChip;
  /** Awaits `p`, moving virtual time on in 1 ms steps while it is pending (the driver sleeps on the clock). */
  settle<T>(p: Promise<T>): Promise<T>;
}

export function emulatedRig(config: Partial<DisplayConfig> = {}): Rig {
  const clock = new VirtualClock();
  const gpio = new EmulatedGpioChip('emulated-gpio', 0, 64, clock);
  const handle = createEmulatedDisplay({ ...defaultDisplayConfig, ...config }, { clock, gpio, dcLine: DC_LINE, rstLine: RST_LINE });
  const settle = async <T>(p: Promise<T>): Promise<T> => {
    let done = false;
    const tracked = p.finally(() => (done = true));
    tracked.catch(() => undefined);
    for (let i = 0; i < 100_000 && !done; i++) await clock.advance(1);
    return tracked;
  };
  return { ...handle, clock, gpio, settle };
}

/** RGB565 from 8-bit channels, written out here so tests do not lean on the code under test. */
export function rgb565(r: number, g: number, b: number): number {
  return ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3);
}
