import type { Clock } from '../../scheduler/clock';
import { EmulatedGpioChip } from './emulated-gpio-chip';
import { resolveGpioLine, type GpioPinConfig } from './gpio-numbering';

/**
 * Default emulated GPIO controllers for a rack: one 'emulated-gpio' chip at base 0 (covers
 * `{sysfs: n}` pins below 512) plus one chip per label named by `{chip, offset}` pins, with the
 * Raspberry Pi 5 base (571) for 'pinctrl-rp1' and bases from 1024 up for others.
 */
export function defaultEmulatedGpioChips(clock: Clock, pins: readonly GpioPinConfig[]): EmulatedGpioChip[] {
  const chips = [new EmulatedGpioChip('emulated-gpio', 0, 512, clock)];
  let nextBase = 1024;
  for (const pin of pins) {
    if (!('chip' in pin) || chips.some((c) => c.label === pin.chip)) continue;
    if (pin.chip === 'pinctrl-rp1') chips.push(new EmulatedGpioChip('pinctrl-rp1', 571, 54, clock));
    else {
      chips.push(new EmulatedGpioChip(pin.chip, nextBase, 64, clock));
      nextBase += 64;
    }
  }
  return chips;
}

/** The chip and offset a configured pin lands on among emulated chips (same rules as sysfs). */
export function locateEmulatedPin(pin: GpioPinConfig, chips: readonly EmulatedGpioChip[], pointer?: string): { chip: EmulatedGpioChip; line: number; offset: number } {
  const line = resolveGpioLine(pin, chips, pointer ? { pointer } : {});
  const chip = chips.find((c) => c.owns(line))!;
  return { chip, line, offset: line - chip.base };
}
