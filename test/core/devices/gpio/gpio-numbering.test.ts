import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSysfsGpioChips, resolveSysfsGpioPin } from '../../../../core/devices/gpio/gpio-numbering';
import { NeurorackError } from '../../../../core/errors/neurorack-error';

/** A fake /sys/class/gpio as a Raspberry Pi 5 on kernel 6.6 shows it. */
function pi5Tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'nr-sysfs-gpio-'));
  const chip = (n: number, label: string, ngpio: number): void => {
    const dir = join(root, `gpiochip${n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'label'), `${label}\n`);
    writeFileSync(join(dir, 'base'), `${n}\n`);
    writeFileSync(join(dir, 'ngpio'), `${ngpio}\n`);
  };
  chip(512, 'gpio-brcmstb@107d508500', 32);
  chip(544, 'gpio-brcmstb@107d508520', 4);
  chip(571, 'pinctrl-rp1', 54);
  writeFileSync(join(root, 'export'), '');
  return root;
}

function fails(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof NeurorackError && err.code === code && message.test(err.message));
}

describe('GPIO numbering from sysfs', () => {
  let root: string;
  beforeEach(() => (root = pi5Tree()));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists the chips with label, base and ngpio', () => {
    assert.deepEqual(readSysfsGpioChips(root).map((c) => [c.label, c.base, c.ngpio]), [
      ['gpio-brcmstb@107d508500', 512, 32],
      ['gpio-brcmstb@107d508520', 544, 4],
      ['pinctrl-rp1', 571, 54],
    ]);
  });

  it('resolves {chip, offset} as base + offset (Pi 5: GPIO17 = 588)', () => {
    assert.equal(resolveSysfsGpioPin({ chip: 'pinctrl-rp1', offset: 17 }, root), 588);
    assert.equal(resolveSysfsGpioPin({ chip: 'rp1', offset: 0 }, root), 571, 'a unique substring of the label');
  });

  it('passes {sysfs: n} through when it lies on a chip', () => {
    assert.equal(resolveSysfsGpioPin({ sysfs: 590 }, root), 590);
  });

  it('names the missing label and lists the chips there are', () => {
    fails(() => resolveSysfsGpioPin({ chip: 'tegra-gpio', offset: 50 }, root, { pointer: '/devices/button/pin' }), 'NR_GPIO_CHIP_UNKNOWN', /'tegra-gpio'.*pinctrl-rp1/);
  });

  it('refuses an ambiguous label, an offset past the chip and a number on no chip', () => {
    fails(() => resolveSysfsGpioPin({ chip: 'gpio-brcmstb', offset: 1 }, root), 'NR_GPIO_CHIP_UNKNOWN', /ambiguous/);
    fails(() => resolveSysfsGpioPin({ chip: 'pinctrl-rp1', offset: 54 }, root), 'NR_GPIO_LINE_OUT_OF_RANGE', /54 lines/);
    fails(() => resolveSysfsGpioPin({ sysfs: 50 }, root), 'NR_GPIO_LINE_OUT_OF_RANGE', /GPIO 50/);
  });

  it('explains an empty or absent sysfs tree', () => {
    fails(() => resolveSysfsGpioPin({ chip: 'pinctrl-rp1', offset: 1 }, join(root, 'nope')), 'NR_GPIO_CHIP_UNKNOWN', /no GPIO chips under/);
    assert.equal(resolveSysfsGpioPin({ sysfs: 50 }, join(root, 'nope')), 50, 'nothing to check a number against');
  });

  it('Pi 4 / kernel 6.1 style bases are read, not assumed', () => {
    rmSync(join(root, 'gpiochip571'), { recursive: true });
    const dir = join(root, 'gpiochip399');
    mkdirSync(dir);
    writeFileSync(join(dir, 'label'), 'pinctrl-rp1\n');
    writeFileSync(join(dir, 'base'), '399\n');
    writeFileSync(join(dir, 'ngpio'), '54\n');
    assert.equal(resolveSysfsGpioPin({ chip: 'pinctrl-rp1', offset: 17 }, root), 416);
  });
});
