import assert from 'node:assert/strict';
import { EmulatedGpioChip } from '../../../../core/devices/gpio/emulated-gpio-chip';
import type { GpioEdgeEvent, GpioInput } from '../../../../core/devices/gpio/gpio-line';
import { openOnoffInput } from '../../../../core/devices/gpio/onoff-gpio';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { HARDWARE, bindingTitle, contractIt } from '../i2c/hardware-opt-in';

/** On the module: the push button line (sysfs 50 on the Jetson Nano v1 board), idle high. */
const REAL_LINE = Number(process.env.NEURORACK_HW_BUTTON_LINE ?? 50);

const bindings: Array<{ name: 'emulated' | 'real'; available: boolean; open: () => { input: GpioInput; drive?: (v: 0 | 1) => void } }> = [
  {
    name: 'emulated',
    available: true,
    open: () => {
      const chip = new EmulatedGpioChip('emulated-gpio', 0, 64, new VirtualClock());
      return { input: chip.input(50), drive: (v) => chip.setLevel(50, v) };
    },
  },
  { name: 'real', available: HARDWARE, open: () => ({ input: openOnoffInput(REAL_LINE, 'both', new MonotonicClock()) }) },
];

for (const b of bindings) {
  describe(bindingTitle('GpioInput', b.name, `sysfs GPIO line ${REAL_LINE} (the button, released)`), () => {
    contractIt(b.available, 'reads a level and closes idempotently', async () => {
      const { input } = b.open();
      assert.ok([0, 1].includes(await input.read()));
      await input.close();
      await input.close();
    });

    contractIt(b.name === 'emulated', 'delivers each edge once, in order, until unwatched (emulated controls)', async () => {
      const { input, drive } = b.open();
      const got: GpioEdgeEvent[] = [];
      input.watch((e) => got.push(e));
      drive!(0);
      drive!(0);
      drive!(1);
      input.unwatch();
      drive!(0);
      assert.deepEqual(got.map((e) => e.value), [0, 1]);
      await input.close();
    });
  });
}
