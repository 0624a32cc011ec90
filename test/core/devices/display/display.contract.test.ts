import assert from 'node:assert/strict';
import type { Display } from '../../../../core/devices/display/display';
import { createRealDisplay } from '../../../../core/devices/display/create-display';
import type { GpioOutput } from '../../../../core/devices/gpio/gpio-line';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { HARDWARE, bindingTitle, contractIt } from '../i2c/hardware-opt-in';
import { defaultDisplayConfig, emulatedRig } from './emulated-display-rig';

/** A sysfs GPIO output through onoff, only for the hardware run (the host uses the GPIO helper's binding). */
function onoffOutput(line: number): GpioOutput {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Gpio } = require('onoff') as typeof import('onoff');
  const gpio = new Gpio(line, 'out');
  return { line, write: (v) => gpio.write(v), close: async () => gpio.unexport() };
}

interface Subject {
  display: Display;
  settle<T>(p: Promise<T>): Promise<T>;
}

const bindings: Array<{ name: 'emulated' | 'real'; available: boolean; make: () => Subject }> = [
  {
    name: 'emulated',
    available: true,
    make: () => {
      const rig = emulatedRig();
      return { display: rig.display, settle: rig.settle };
    },
  },
  {
    name: 'real',
    available: HARDWARE,
    make: () => {
      const dc = Number(process.env['NEURORACK_DISPLAY_DC'] ?? 13);
      const rst = Number(process.env['NEURORACK_DISPLAY_RST'] ?? 15);
      const display = createRealDisplay({ ...defaultDisplayConfig, binding: 'real' }, { clock: new MonotonicClock(), dc: onoffOutput(dc), rst: onoffOutput(rst) });
      return { display, settle: (p) => p };
    },
  },
];

function solid(value: number): Uint16Array {
  return new Uint16Array(240 * 240).fill(value);
}

for (const b of bindings) {
  describe(bindingTitle('Display', b.name, 'an ST7789 on /dev/spidev0.0, DC/RST at sysfs NEURORACK_DISPLAY_DC/RST (13/15)'), () => {
    contractIt(b.available, 'open() brings the panel up: health ok, 240x240, kind display', async () => {
      const { display, settle } = b.make();
      await settle(display.open());
      try {
        assert.equal(display.health().status, 'ok', display.health().detail);
        assert.equal(display.kind, 'display');
        assert.equal(display.width, 240);
        assert.equal(display.height, 240);
        assert.match(display.address, /^spidev0\.0 dc=\d+ rst=\d+$/);
      } finally {
        await display.close();
      }
    });

    contractIt(b.available, 'a changed frame is pushed, an identical one is not, and stats count both', async () => {
      const { display, settle } = b.make();
      await settle(display.open());
      try {
        assert.equal(await settle(display.pushFrame(solid(0xf800))), true);
        assert.equal(await settle(display.pushFrame(solid(0xf800))), false);
        assert.equal(await settle(display.pushFrame(solid(0x001f))), true);
        assert.deepEqual(display.stats(), { pushed: 2, unchanged: 1, busy: 0, failed: 0 });
      } finally {
        await display.close();
      }
    });

    contractIt(b.available, 'a frame of the wrong size rejects with NR_DISPLAY_FRAME_INVALID saying what was expected', async () => {
      const { display, settle } = b.make();
      await settle(display.open());
      try {
        await assert.rejects(display.pushFrame(new Uint16Array(100)), (err: { code?: string; message: string }) =>
          err.code === 'NR_DISPLAY_FRAME_INVALID' && err.message.includes('expected a Uint16Array of 57600'),
        );
        await assert.rejects(display.pushFrame(Buffer.alloc(57600)), (err: { code?: string }) => err.code === 'NR_DISPLAY_FRAME_INVALID');
      } finally {
        await display.close();
      }
    });

    contractIt(b.available, 'close() is idempotent and leaves health missing', async () => {
      const { display, settle } = b.make();
      await settle(display.open());
      await display.close();
      await display.close();
      assert.equal(display.health().status, 'missing');
    });
  });
}
