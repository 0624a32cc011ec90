import assert from 'node:assert/strict';
import { EmulatedSpiBus } from '../../../../core/devices/spi/emulated-spi-bus';
import type { SpiPeripheral } from '../../../../core/devices/spi/spi-peripheral';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';

class Recorder implements SpiPeripheral {
  readonly seen: number[][] = [];
  exchange(send: Uint8Array): void {
    this.seen.push([...send]);
  }
}

async function openBus(options = {}): Promise<{ bus: EmulatedSpiBus; recorder: Recorder; clock: VirtualClock }> {
  const recorder = new Recorder();
  const clock = new VirtualClock();
  const bus = new EmulatedSpiBus(recorder, clock, options);
  await bus.open();
  return { bus, recorder, clock };
}

const code = (expected: string) => (err: { code?: string }) => err.code === expected;

describe('EmulatedSpiBus faults', () => {
  it('timeout fails the next `count` messages with ETIMEDOUT, then the bus works again', async () => {
    const { bus, recorder } = await openBus();
    bus.injectFault({ kind: 'timeout', count: 2 });
    await assert.rejects(bus.transfer([{ send: Uint8Array.of(1) }]), code('ETIMEDOUT'));
    await assert.rejects(bus.transfer([{ send: Uint8Array.of(2) }]), code('ETIMEDOUT'));
    await bus.transfer([{ send: Uint8Array.of(3) }]);
    assert.deepEqual(recorder.seen, [[3]]);
    assert.equal(bus.stats().rejected, 2);
  });

  it('a device that is gone rejects with ENODEV until it comes back', async () => {
    const { bus, recorder } = await openBus();
    bus.injectFault({ kind: 'gone' });
    for (let i = 0; i < 3; i++) await assert.rejects(bus.transfer([{ send: Uint8Array.of(i) }]), code('ENODEV'));
    bus.clearFault();
    await bus.transfer([{ send: Uint8Array.of(7) }]);
    assert.deepEqual(recorder.seen, [[7]]);
  });

  it('corrupt flips bits of what the chip receives, not of the caller buffer', async () => {
    const { bus, recorder } = await openBus();
    const sent = Uint8Array.of(0x10, 0x20, 0x30);
    bus.injectFault({ kind: 'corrupt', count: 1, xor: 0x01 });
    await bus.transfer([{ send: sent }]);
    await bus.transfer([{ send: sent }]);
    assert.deepEqual(recorder.seen, [
      [0x10, 0x21, 0x30],
      [0x10, 0x20, 0x30],
    ]);
    assert.deepEqual([...sent], [0x10, 0x20, 0x30]);
  });

  it('an absent bus fails open() with NR_SPI_BUS_UNAVAILABLE', async () => {
    const bus = new EmulatedSpiBus(new Recorder(), new VirtualClock(), { busNumber: 1, deviceNumber: 1, present: false });
    await assert.rejects(bus.open(), (err: { code?: string; message: string }) => err.code === 'NR_SPI_BUS_UNAVAILABLE' && err.message.includes('spidev1.1'));
  });

  it('with wireTime, a message takes bits / speed on the clock (115200 bytes at 24 MHz = 38.4 ms)', async () => {
    const { bus, clock } = await openBus({ wireTime: true, speedHz: 24_000_000 });
    const chunks = Array.from({ length: 115200 / 4096 + 1 }, (_, i) => ({ send: new Uint8Array(Math.min(4096, 115200 - i * 4096)) }));
    let done = false;
    const p = bus.transfer(chunks).then(() => (done = true));
    await clock.advance(38);
    assert.equal(done, false);
    await clock.advance(0.5);
    await p;
    assert.equal(done, true);
  });
});
