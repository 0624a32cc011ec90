import { existsSync } from 'node:fs';
import type { PromisifiedBus } from 'i2c-bus';
import { NeurorackError } from '../../errors/neurorack-error';
import type { Clock } from '../../scheduler/clock';
import { I2C_MAX_TRANSFER, type I2cBus } from './i2c-bus';
import { isRemoteIoError } from './i2c-error';
import { SerialQueue } from './serial-queue';

export interface RealI2cBusOptions {
  /** Extra tries after a "Remote I/O error" (the Raspberry Pi clock-stretching bug). */
  readonly remoteIoRetries?: number;
  /** Pause between those tries, in ms on the injected clock. */
  readonly retryDelayMs?: number;
}

/**
 * The I2C bus through Linux i2c-dev, over the `i2c-bus` package. Only raw transfers (`i2cWrite`,
 * `i2cRead`) and the I2C block read are used: SMBus word calls are little-endian, the chips here
 * are big-endian. Errors keep their errno code (EREMOTEIO, ETIMEDOUT).
 */
export class RealI2cBus implements I2cBus {
  private readonly queue = new SerialQueue();
  private closed = false;

  private constructor(
    readonly busNumber: number,
    private readonly bus: PromisifiedBus,
    private readonly clock: Clock,
    private readonly options: Required<RealI2cBusOptions>,
  ) {}

  /** Opens /dev/i2c-N; a bus that does not exist is a rack config error (NR_I2C_BUS_UNAVAILABLE). */
  static async open(busNumber: number, clock: Clock, options: RealI2cBusOptions = {}): Promise<RealI2cBus> {
    let bus: PromisifiedBus;
    const device = `/dev/i2c-${busNumber}`;
    try {
      // i2c-bus opens the device lazily, on the first transaction: check it exists up front.
      if (!existsSync(device)) throw new Error(`${device} does not exist`);
      // Loaded here so hosts without the native build can still run the emulated profiles.
      const i2c = (await import('i2c-bus')) as typeof import('i2c-bus');
      bus = await i2c.openPromisified(busNumber);
    } catch (err) {
      throw new NeurorackError(
        'NR_I2C_BUS_UNAVAILABLE',
        `cannot open /dev/i2c-${busNumber} (expected an I2C adapter with i2c-dev loaded and read/write access): ${(err as Error).message}`,
        { device: `i2c-${busNumber}` },
        { cause: err },
      );
    }
    return new RealI2cBus(busNumber, bus, clock, { remoteIoRetries: 2, retryDelayMs: 1, ...options });
  }

  async write(address: number, bytes: Uint8Array): Promise<void> {
    this.checkLength(bytes.length);
    return this.transact(async () => {
      await this.bus.i2cWrite(address, bytes.length, Buffer.from(bytes));
    });
  }

  async read(address: number, length: number): Promise<Uint8Array> {
    this.checkLength(length);
    return this.transact(async () => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await this.bus.i2cRead(address, length, buffer);
      if (bytesRead !== length) throw Object.assign(new Error(`short read: ${bytesRead} of ${length} bytes`), { code: 'EREMOTEIO' });
      return new Uint8Array(buffer);
    });
  }

  /**
   * A one-byte pointer then a read is an I2C block read (repeated START, as the contract asks);
   * anything longer goes as a write then a separate read, which the chips used here accept too.
   */
  async writeRead(address: number, bytes: Uint8Array, length: number): Promise<Uint8Array> {
    this.checkLength(bytes.length);
    this.checkLength(length);
    return this.transact(async () => {
      const buffer = Buffer.alloc(length);
      let bytesRead: number;
      if (bytes.length === 1) {
        ({ bytesRead } = await this.bus.readI2cBlock(address, bytes[0]!, length, buffer));
      } else {
        await this.bus.i2cWrite(address, bytes.length, Buffer.from(bytes));
        ({ bytesRead } = await this.bus.i2cRead(address, length, buffer));
      }
      if (bytesRead !== length) throw Object.assign(new Error(`short read: ${bytesRead} of ${length} bytes`), { code: 'EREMOTEIO' });
      return new Uint8Array(buffer);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.run(() => this.bus.close());
  }

  private checkLength(n: number): void {
    if (n > I2C_MAX_TRANSFER) throw new RangeError(`i2c-${this.busNumber}: at most ${I2C_MAX_TRANSFER} bytes per transaction, ${n} asked`);
  }

  private transact<T>(job: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      if (this.closed) throw new Error(`i2c-${this.busNumber} is closed`);
      for (let attempt = 0; ; attempt++) {
        try {
          return await job();
        } catch (err) {
          if (!isRemoteIoError(err) || attempt >= this.options.remoteIoRetries) throw normalise(err);
          await this.clock.sleep(this.options.retryDelayMs);
        }
      }
    });
  }
}

/** Gives errno-only errors the contract's string code. */
function normalise(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const e = err as Error & { code?: unknown; errno?: unknown };
  if (typeof e.code !== 'string') {
    if (isRemoteIoError(e)) Object.assign(e, { code: 'EREMOTEIO' });
    else if (e.errno === 110 || e.errno === -110) Object.assign(e, { code: 'ETIMEDOUT' });
  }
  return e;
}
