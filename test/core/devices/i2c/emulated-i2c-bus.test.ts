import assert from 'node:assert/strict';
import { EmulatedI2cBus } from '../../../../core/devices/i2c/emulated-i2c-bus';
import type { I2cChipEmulator } from '../../../../core/devices/i2c/i2c-chip-emulator';

/** A chip that remembers what it was sent and answers with a counter. */
class EchoChip implements I2cChipEmulator {
  writes: number[][] = [];
  next = 0;
  onWrite(bytes: Uint8Array): void {
    this.writes.push([...bytes]);
  }
  onRead(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.next++);
  }
}

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe('EmulatedI2cBus', () => {
  it('routes writes and reads to the chip at the address, byte for byte', async () => {
    const bus = new EmulatedI2cBus(1);
    const chip = new EchoChip();
    bus.attach(0x48, chip);
    await bus.write(0x48, Uint8Array.of(1, 2, 3));
    assert.deepEqual([...(await bus.writeRead(0x48, Uint8Array.of(9), 3))], [0, 1, 2]);
    assert.deepEqual(chip.writes, [[1, 2, 3], [9]]);
    assert.deepEqual(bus.log.map((t) => t.kind), ['write', 'writeRead']);
  });

  it('keeps only the most recent transactions in its log (a long-running host does not grow)', async () => {
    const bus = new EmulatedI2cBus(1, { logLimit: 100 });
    bus.attach(0x48, new EchoChip());
    for (let i = 0; i < 1000; i++) await bus.write(0x48, Uint8Array.of(i & 0xff));
    const log = bus.log;
    assert.equal(log.length, 100, 'exactly the limit kept');
    assert.deepEqual(log.map((t) => t.written[0]), Array.from({ length: 100 }, (_, i) => (900 + i) & 0xff), 'the newest, oldest first');
    bus.clearLog();
    assert.equal(bus.log.length, 0);
    await bus.writeRead(0x48, Uint8Array.of(1, 2, 3, 4), 2);
    assert.deepEqual(bus.log, [{ address: 0x48, kind: 'writeRead', written: [1, 2, 3, 4], readLength: 2, ok: true }], 'a transaction as it crossed the wire');
  });

  it('rejects with EREMOTEIO for an address where nothing answers', async () => {
    const bus = new EmulatedI2cBus(1);
    assert.equal(await code(bus.read(0x20, 1)), 'EREMOTEIO');
  });

  it('injects nack, timeout and gone per address, for a count or until cleared', async () => {
    const bus = new EmulatedI2cBus(1);
    bus.attach(0x48, new EchoChip());
    bus.attach(0x49, new EchoChip());
    bus.injectFault(0x48, 'nack', 2);
    assert.equal(await code(bus.read(0x48, 1)), 'EREMOTEIO');
    assert.equal(await code(bus.read(0x49, 1)), undefined, 'other addresses are unaffected');
    assert.equal(await code(bus.read(0x48, 1)), 'EREMOTEIO');
    assert.equal(await code(bus.read(0x48, 1)), undefined, 'the fault ended after two transactions');
    bus.injectFault(0x49, 'timeout');
    assert.equal(await code(bus.write(0x49, Uint8Array.of(0))), 'ETIMEDOUT');
    bus.injectFault(0x49, 'gone');
    assert.equal(await code(bus.read(0x49, 1)), 'EREMOTEIO');
    bus.clearFault(0x49);
    assert.equal(await code(bus.read(0x49, 1)), undefined);
  });

  it('refuses transactions over 32 bytes', async () => {
    const bus = new EmulatedI2cBus(1);
    bus.attach(0x10, new EchoChip());
    await assert.rejects(bus.write(0x10, new Uint8Array(33)), RangeError);
  });

  it('never interleaves transactions', async () => {
    const bus = new EmulatedI2cBus(1);
    const order: string[] = [];
    bus.attach(0x10, {
      onWrite: (b) => void order.push(`w${b[0]}`),
      onRead: (n) => (order.push('r'), new Uint8Array(n)),
    });
    await Promise.all([bus.writeRead(0x10, Uint8Array.of(1), 1), bus.writeRead(0x10, Uint8Array.of(2), 1)]);
    assert.deepEqual(order, ['w1', 'r', 'w2', 'r']);
  });
});
