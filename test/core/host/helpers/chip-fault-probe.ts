import { isMainThread } from 'node:worker_threads';
import { EmulatedI2cBus, type I2cBusFault } from '../../../../core/devices/i2c/emulated-i2c-bus';
import { EmulatedSpiBus, type SpiFault } from '../../../../core/devices/spi/emulated-spi-bus';

/**
 * Preloaded (`node --require`) into a spawned host so a test can reach its emulated chips' own fault
 * controls (EmulatedI2cBus.injectFault, EmulatedSpiBus.injectFault) over the IPC channel; the host
 * runs unchanged. It notes each emulated bus of the main thread as it is set up, then answers:
 * - `{ i2c: { bus, address, fault } }`: injects `fault` at that address until `{ clearI2c: ... }`;
 * - `{ clearI2c: { bus, address } }`: ends it; replies with the transactions to that address seen
 *   failing and succeeding in the bus's log since the fault was injected;
 * - `{ spi: SpiFault }`: injects it on every emulated SPI bus (the display's);
 * - `{ clearSpi: true }`: ends it;
 * - `{ spiStats: true }`: their counters summed (messages sent, messages the fault rejected).
 * Each reply is `{ ok: true, ... }` or `{ ok: false, error }`.
 */
type Request =
  | { readonly i2c: { readonly bus: number; readonly address: number; readonly fault: I2cBusFault } }
  | { readonly clearI2c: { readonly bus: number; readonly address: number } }
  | { readonly spi: SpiFault }
  | { readonly clearSpi: true }
  | { readonly spiStats: true };

if (isMainThread && process.send) {
  const i2c = new Set<EmulatedI2cBus>();
  const spi = new Set<EmulatedSpiBus>();
  const attach = EmulatedI2cBus.prototype.attach;
  EmulatedI2cBus.prototype.attach = function (this: EmulatedI2cBus, ...args: Parameters<EmulatedI2cBus['attach']>) {
    i2c.add(this);
    return attach.apply(this, args);
  };
  const open = EmulatedSpiBus.prototype.open;
  EmulatedSpiBus.prototype.open = function (this: EmulatedSpiBus) {
    spi.add(this);
    return open.call(this);
  };

  const busAt = (bus: number, address: number): EmulatedI2cBus => {
    const found = [...i2c].find((b) => b.busNumber === bus && b.chipAt(address));
    if (!found) throw new Error(`no emulated I2C bus ${bus} with a chip at 0x${address.toString(16)} on the main thread`);
    return found;
  };

  const handle = (m: Request): Record<string, unknown> => {
    if ('i2c' in m) {
      const bus = busAt(m.i2c.bus, m.i2c.address);
      bus.clearLog();
      bus.injectFault(m.i2c.address, m.i2c.fault);
      return {};
    }
    if ('clearI2c' in m) {
      const bus = busAt(m.clearI2c.bus, m.clearI2c.address);
      bus.clearFault(m.clearI2c.address);
      const seen = bus.log.filter((t) => t.address === m.clearI2c.address);
      return { failed: seen.filter((t) => !t.ok).length, succeeded: seen.filter((t) => t.ok).length };
    }
    if (spi.size === 0) throw new Error('no emulated SPI bus opened on the main thread');
    if ('spiStats' in m) {
      const all = [...spi].map((b) => b.stats());
      return { messages: all.reduce((n, s) => n + s.messages, 0), rejected: all.reduce((n, s) => n + s.rejected, 0) };
    }
    if ('clearSpi' in m) {
      for (const bus of spi) bus.clearFault();
      return {};
    }
    for (const bus of spi) bus.injectFault(m.spi);
    return { buses: spi.size };
  };

  process.on('message', (m: Request & { readonly id: number }) => {
    try {
      process.send!({ id: m.id, ok: true, ...handle(m) });
    } catch (err) {
      process.send!({ id: m.id, ok: false, error: (err as Error).message });
    }
  });
  // The IPC channel must not keep a host that was told to stop alive.
  process.channel?.unref();
}
