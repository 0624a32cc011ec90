import assert from 'node:assert/strict';
import { EmulatedSpiBus } from '../../../../core/devices/spi/emulated-spi-bus';
import { SPI_MAX_TRANSFER, type SpiBus } from '../../../../core/devices/spi/spi-bus';
import { SpiDeviceBus } from '../../../../core/devices/spi/spi-device-bus';
import type { SpiPeripheral } from '../../../../core/devices/spi/spi-peripheral';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { HARDWARE, bindingTitle, contractIt } from '../i2c/hardware-opt-in';

/** Keeps every transfer it sees (emulated runs can also check what crossed the wire). */
class Recorder implements SpiPeripheral {
  readonly seen: number[][] = [];
  exchange(send: Uint8Array): void {
    this.seen.push([...send]);
  }
}

const spiNode = (process.env['NEURORACK_SPI'] ?? '0.0').split('.').map(Number) as [number, number];

const bindings: Array<{ name: 'emulated' | 'real'; available: boolean; make: () => { bus: SpiBus; recorder?: Recorder } }> = [
  {
    name: 'emulated',
    available: true,
    make: () => {
      const recorder = new Recorder();
      return { bus: new EmulatedSpiBus(recorder, new VirtualClock()), recorder };
    },
  },
  {
    name: 'real',
    available: HARDWARE,
    make: () => ({ bus: new SpiDeviceBus({ busNumber: spiNode[0], deviceNumber: spiNode[1], speedHz: 1_000_000 }) }),
  },
];

for (const b of bindings) {
  describe(bindingTitle('SpiBus', b.name, '/dev/spidev0.0 (or NEURORACK_SPI=B.D)'), () => {
    contractIt(b.available, 'a message of several transfers up to 4096 bytes each goes out whole, in order', async () => {
      const { bus, recorder } = b.make();
      await bus.open();
      try {
        const first = new Uint8Array(SPI_MAX_TRANSFER).map((_, i) => i & 0xff);
        await bus.transfer([{ send: first }, { send: Uint8Array.of(1, 2, 3) }]);
        if (recorder) {
          assert.equal(recorder.seen.length, 2);
          assert.equal(recorder.seen[0]!.length, 4096);
          assert.equal(recorder.seen[0]![300], 300 & 0xff);
          assert.deepEqual(recorder.seen[1], [1, 2, 3]);
        }
      } finally {
        await bus.close();
      }
    });

    contractIt(b.available, 'a transfer over 4096 bytes rejects with EMSGSIZE and sends nothing of the message', async () => {
      const { bus, recorder } = b.make();
      await bus.open();
      try {
        await assert.rejects(
          bus.transfer([{ send: Uint8Array.of(9) }, { send: new Uint8Array(4097) }]),
          (err: { code?: string; message: string }) => err.code === 'EMSGSIZE' && /4097 bytes, expected at most 4096/.test(err.message),
        );
        if (recorder) assert.equal(recorder.seen.length, 0);
      } finally {
        await bus.close();
      }
    });

    contractIt(b.available, 'messages issued together complete one after the other, never interleaved', async () => {
      const { bus, recorder } = b.make();
      await bus.open();
      try {
        await Promise.all([bus.transfer([{ send: Uint8Array.of(1) }, { send: Uint8Array.of(2) }]), bus.transfer([{ send: Uint8Array.of(3) }])]);
        if (recorder) assert.deepEqual(recorder.seen, [[1], [2], [3]]);
      } finally {
        await bus.close();
      }
    });

    contractIt(b.available, 'close() is idempotent and a transfer after it rejects with ENODEV', async () => {
      const { bus } = b.make();
      await bus.open();
      await bus.close();
      await bus.close();
      await assert.rejects(bus.transfer([{ send: Uint8Array.of(0) }]), (err: { code?: string }) => err.code === 'ENODEV');
    });
  });
}

describe('SpiDeviceBus (real binding) without the device node', () => {
  it('open() rejects with NR_SPI_BUS_UNAVAILABLE naming the node it expected', async () => {
    const bus = new SpiDeviceBus({ busNumber: 97, deviceNumber: 3, speedHz: 1_000_000 });
    await assert.rejects(bus.open(), (err: { code?: string; message: string }) => err.code === 'NR_SPI_BUS_UNAVAILABLE' && err.message.includes('/dev/spidev97.3'));
  });
});
