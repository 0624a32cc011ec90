import { i2cError } from './i2c-error';
import { I2C_MAX_TRANSFER, type I2cBus } from './i2c-bus';
import type { I2cChipEmulator } from './i2c-chip-emulator';
import { TransactionLog, type I2cTransaction } from './transaction-log';

export type { I2cTransaction } from './transaction-log';

/** Faults the bus can inject per address. `gone`: the chip does not answer at all (disappeared). */
export type I2cBusFault = 'nack' | 'timeout' | 'gone';

/**
 * An I2C bus with chip emulators attached by address. Carries exactly the bytes a wire would.
 * Test controls: `attach`/`detach` chips, `injectFault(address, fault, count?)` (nack, timeout or
 * gone; for `count` transactions or until `clearFault`), and `log` of the transactions: the most
 * recent `logLimit` of them (default 20 000, a few seconds of a busy bus) in fixed memory (see
 * TransactionLog), so a host that runs for hours on emulated chips neither grows nor makes garbage.
 */
export class EmulatedI2cBus implements I2cBus {
  private readonly chips = new Map<number, I2cChipEmulator>();
  private readonly faults = new Map<number, { fault: I2cBusFault; remaining: number }>();
  private readonly transactions: TransactionLog;
  private closed = false;

  constructor(
    readonly busNumber: number,
    options: { readonly logLimit?: number } = {},
  ) {
    this.transactions = new TransactionLog(options.logLimit ?? 20_000);
  }

  attach(address: number, chip: I2cChipEmulator): void {
    this.chips.set(address, chip);
  }

  detach(address: number): void {
    this.chips.delete(address);
  }

  chipAt(address: number): I2cChipEmulator | undefined {
    return this.chips.get(address);
  }

  /** Test control: fail transactions to `address` (all of them, or the next `count`). */
  injectFault(address: number, fault: I2cBusFault, count = Infinity): void {
    this.faults.set(address, { fault, remaining: count });
  }

  clearFault(address: number): void {
    this.faults.delete(address);
  }

  /** Test control: the kept transactions, oldest first (built when read). */
  get log(): readonly I2cTransaction[] {
    return this.transactions.entries();
  }

  clearLog(): void {
    this.transactions.clear();
  }

  write(address: number, bytes: Uint8Array): Promise<void> {
    return this.transact(address, 'write', bytes, 0, (chip) => {
      chip.onWrite(Uint8Array.from(bytes));
      return new Uint8Array(0);
    }).then(() => undefined);
  }

  read(address: number, length: number): Promise<Uint8Array> {
    return this.transact(address, 'read', new Uint8Array(0), length, (chip) => chip.onRead(length));
  }

  writeRead(address: number, bytes: Uint8Array, length: number): Promise<Uint8Array> {
    return this.transact(address, 'writeRead', bytes, length, (chip) => {
      chip.onWrite(Uint8Array.from(bytes));
      return chip.onRead(length);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /**
   * One transaction, carried out at once: an emulated chip answers synchronously, so transactions
   * cannot interleave and run in the order they are asked, as the contract requires, with no
   * queue (a promise chain per transaction cost the control thread, which polls the ADC a few
   * thousand times a second, more than the chips' emulation).
   */
  private transact(
    address: number,
    kind: I2cTransaction['kind'],
    bytes: Uint8Array,
    length: number,
    body: (chip: I2cChipEmulator) => Uint8Array,
  ): Promise<Uint8Array> {
    try {
      return Promise.resolve(this.carry(address, kind, bytes, length, body));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private carry(address: number, kind: I2cTransaction['kind'], bytes: Uint8Array, length: number, body: (chip: I2cChipEmulator) => Uint8Array): Uint8Array {
    if (this.closed) throw new Error(`i2c-${this.busNumber} is closed`);
    if (bytes.length > I2C_MAX_TRANSFER || length > I2C_MAX_TRANSFER) {
      throw new RangeError(`i2c-${this.busNumber}: at most ${I2C_MAX_TRANSFER} bytes per transaction`);
    }
    const fault = this.takeFault(address);
    const chip = this.chips.get(address);
    if (fault === 'timeout') {
      this.transactions.record(address, kind, bytes, length, false);
      throw i2cError('ETIMEDOUT', this.busNumber, address, kind);
    }
    if (fault || !chip) {
      this.transactions.record(address, kind, bytes, length, false);
      throw i2cError('EREMOTEIO', this.busNumber, address, kind);
    }
    const out = body(chip);
    this.transactions.record(address, kind, bytes, length, true);
    if (out.length !== length) throw new Error(`emulated chip at ${address} returned ${out.length} bytes, ${length} asked`);
    return out;
  }

  private takeFault(address: number): I2cBusFault | undefined {
    const f = this.faults.get(address);
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults.delete(address);
    return f.fault;
  }
}
