import assert from 'node:assert/strict';
import { Ads1x15Emulator } from '../../../../core/devices/cv-adc/ads1x15-emulator';
import { EmulatedI2cBus } from '../../../../core/devices/i2c/emulated-i2c-bus';
import type { I2cBus } from '../../../../core/devices/i2c/i2c-bus';
import { RealI2cBus } from '../../../../core/devices/i2c/real-i2c-bus';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { HARDWARE, bindingTitle, contractIt } from './hardware-opt-in';

/** On the module: bus 1 holds an ADS1015 at 0x48 and nothing at 0x77. */
const PRESENT = 0x48;
const ABSENT = 0x77;

const bindings: Array<{ name: 'emulated' | 'real'; available: boolean; open: () => Promise<I2cBus> }> = [
  {
    name: 'emulated',
    available: true,
    open: async () => {
      const bus = new EmulatedI2cBus(1);
      bus.attach(PRESENT, new Ads1x15Emulator(new VirtualClock()));
      return bus;
    },
  },
  { name: 'real', available: HARDWARE, open: () => RealI2cBus.open(1, new MonotonicClock()) },
];

for (const b of bindings) {
  describe(bindingTitle('I2cBus', b.name, 'an ADS1015 at 0x48 on /dev/i2c-1'), () => {
    contractIt(b.available, 'writeRead of a register pointer returns exactly the asked bytes, big-endian as sent', async () => {
      const bus = await b.open();
      try {
        // Config register holds what was last written: write a known word, read it back.
        await bus.write(PRESENT, Uint8Array.of(0x01, 0x05, 0x83));
        const back = await bus.writeRead(PRESENT, Uint8Array.of(0x01), 2);
        assert.equal(back.length, 2);
        assert.equal(back[0]! & 0x7f, 0x05, 'high byte first (OS bit aside)');
        assert.equal(back[1], 0x83);
      } finally {
        await bus.close();
      }
    });

    contractIt(b.available, 'a plain read after a pointer write reads that register', async () => {
      const bus = await b.open();
      try {
        await bus.write(PRESENT, Uint8Array.of(0x02, 0x80, 0x00));
        await bus.write(PRESENT, Uint8Array.of(0x02));
        assert.deepEqual([...(await bus.read(PRESENT, 2))], [0x80, 0x00]);
      } finally {
        await bus.close();
      }
    });

    contractIt(b.available, 'an address nobody answers rejects with code EREMOTEIO', async () => {
      const bus = await b.open();
      try {
        await assert.rejects(bus.read(ABSENT, 1), (err: { code?: string }) => err.code === 'EREMOTEIO');
      } finally {
        await bus.close();
      }
    });

    contractIt(b.available, 'more than 32 bytes in one transaction is refused', async () => {
      const bus = await b.open();
      try {
        await assert.rejects(async () => bus.read(PRESENT, 33), RangeError);
      } finally {
        await bus.close();
      }
    });
  });
}
