import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NeurorackError, type ErrorLocation } from '../../errors/neurorack-error';
import type { GpioPin } from '../../generated/rack';

/** A pin as the rack config names it (schemas/rack.schema.json#/definitions/gpioPin). */
export type GpioPinConfig = GpioPin;

/** One GPIO controller as the kernel lists it under /sys/class/gpio/gpiochipN. */
export interface GpioChipInfo {
  readonly label: string;
  readonly base: number;
  readonly ngpio: number;
}

export const SYSFS_GPIO_ROOT = '/sys/class/gpio';

/** Reads every gpiochip*'s label, base and ngpio under `sysfsRoot` (a temp tree in tests). */
export function readSysfsGpioChips(sysfsRoot: string = SYSFS_GPIO_ROOT): GpioChipInfo[] {
  if (!existsSync(sysfsRoot)) return [];
  const read = (dir: string, file: string): string => readFileSync(join(sysfsRoot, dir, file), 'utf8').trim();
  return readdirSync(sysfsRoot)
    .filter((name) => /^gpiochip\d+$/.test(name))
    .map((dir) => ({ label: read(dir, 'label'), base: Number(read(dir, 'base')), ngpio: Number(read(dir, 'ngpio')) }))
    .filter((c) => Number.isInteger(c.base) && Number.isInteger(c.ngpio))
    .sort((a, b) => a.base - b.base);
}

/** `{sysfs: n}` or `{chip: "pinctrl-rp1", offset: 17}` as a human reads it. */
export function describeGpioPin(pin: GpioPinConfig): string {
  return 'sysfs' in pin ? `gpio${pin.sysfs}` : `${pin.chip}:${pin.offset}`;
}

/**
 * The kernel (sysfs) number of a configured pin among `chips`: base + offset of the chip whose
 * label equals `chip`, else the one chip whose label contains it. `{sysfs: n}` passes as is when
 * `chips` is empty (nothing to check against), else it must fall on one of them.
 */
export function resolveGpioLine(pin: GpioPinConfig, chips: readonly GpioChipInfo[], where: ErrorLocation = {}): number {
  const listing = chips.length ? chips.map((c) => `'${c.label}' (base ${c.base}, ${c.ngpio} lines)`).join(', ') : 'none';
  if ('sysfs' in pin) {
    if (chips.length === 0 || chips.some((c) => pin.sysfs >= c.base && pin.sysfs < c.base + c.ngpio)) return pin.sysfs;
    throw new NeurorackError('NR_GPIO_LINE_OUT_OF_RANGE', `GPIO ${pin.sysfs} is on no GPIO chip (chips: ${listing})`, where);
  }
  const exact = chips.filter((c) => c.label === pin.chip);
  const partial = chips.filter((c) => c.label.includes(pin.chip));
  const matches = exact.length ? exact : partial;
  if (matches.length === 0) {
    throw new NeurorackError('NR_GPIO_CHIP_UNKNOWN', `no GPIO chip is labelled '${pin.chip}' (chips: ${listing})`, where);
  }
  if (matches.length > 1) {
    throw new NeurorackError('NR_GPIO_CHIP_UNKNOWN', `GPIO chip label '${pin.chip}' is ambiguous: it matches ${matches.map((c) => `'${c.label}'`).join(', ')}`, where);
  }
  const chip = matches[0]!;
  if (pin.offset >= chip.ngpio) {
    throw new NeurorackError('NR_GPIO_LINE_OUT_OF_RANGE', `offset ${pin.offset} is beyond GPIO chip '${chip.label}' (${chip.ngpio} lines, offsets 0..${chip.ngpio - 1})`, where);
  }
  return chip.base + pin.offset;
}

/** Resolves a pin against the chips the kernel lists under `sysfsRoot`. */
export function resolveSysfsGpioPin(pin: GpioPinConfig, sysfsRoot: string = SYSFS_GPIO_ROOT, where: ErrorLocation = {}): number {
  const chips = readSysfsGpioChips(sysfsRoot);
  if ('chip' in pin && chips.length === 0) {
    throw new NeurorackError('NR_GPIO_CHIP_UNKNOWN', `no GPIO chips under ${sysfsRoot} to find '${pin.chip}' on (is sysfs GPIO enabled?)`, where);
  }
  return resolveGpioLine(pin, chips, where);
}
