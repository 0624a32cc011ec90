import { existsSync } from 'node:fs';
import { NeurorackError } from '../../errors/neurorack-error';
import { checkTransferSizes, spiError, type SpiBus, type SpiTransfer } from './spi-bus';

type SpiDeviceModule = typeof import('spi-device');
type SpiDeviceHandle = import('spi-device').SpiDevice;

export interface SpiDeviceBusOptions {
  readonly busNumber: number;
  readonly deviceNumber: number;
  readonly speedHz: number;
  /** SPI mode; the ST7789 boards use mode 0. */
  readonly mode?: 0 | 1 | 2 | 3;
  /** Test seam: the `spi-device` module (loaded lazily, so hosts without SPI never load it). */
  readonly module?: SpiDeviceModule;
}

/** The real binding of {@link SpiBus}: /dev/spidevB.D through the `spi-device` package. */
export class SpiDeviceBus implements SpiBus {
  readonly busNumber: number;
  readonly deviceNumber: number;
  readonly speedHz: number;
  private device: SpiDeviceHandle | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: SpiDeviceBusOptions) {
    this.busNumber = options.busNumber;
    this.deviceNumber = options.deviceNumber;
    this.speedHz = options.speedHz;
  }

  private get node(): string {
    return `/dev/spidev${this.busNumber}.${this.deviceNumber}`;
  }

  async open(): Promise<void> {
    if (this.device) return;
    if (!existsSync(this.node)) {
      throw new NeurorackError('NR_SPI_BUS_UNAVAILABLE', `${this.node} does not exist; expected the SPI bus enabled (Raspberry Pi: dtparam=spi=on; Jetson: jetson-io)`, { device: this.node });
    }
    let spi: SpiDeviceModule;
    try {
      spi = this.options.module ?? (require('spi-device') as SpiDeviceModule);
    } catch (err) {
      throw new NeurorackError('NR_SPI_BUS_UNAVAILABLE', `the spi-device package could not be loaded for ${this.node}`, { device: this.node }, { cause: err });
    }
    this.device = await new Promise<SpiDeviceHandle>((resolve, reject) => {
      const dev = spi.open(this.busNumber, this.deviceNumber, { mode: this.options.mode ?? 0, maxSpeedHz: this.speedHz }, (err) => {
        if (err) reject(new NeurorackError('NR_SPI_BUS_UNAVAILABLE', `${this.node} could not be opened: ${err.message}`, { device: this.node }, { cause: err }));
        else resolve(dev);
      });
    });
  }

  transfer(message: readonly SpiTransfer[]): Promise<void> {
    const run = this.chain.then(() => this.run(message));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const dev = this.device;
    this.device = undefined;
    if (dev) await new Promise<void>((resolve) => dev.close(() => resolve()));
  }

  private run(message: readonly SpiTransfer[]): Promise<void> {
    const dev = this.device;
    if (!dev) return Promise.reject(spiError('ENODEV', `${this.node}: transfer on a bus that is not open`));
    const oversize = checkTransferSizes(message, this.node);
    if (oversize) return Promise.reject(oversize);
    const wire = message.map((t) => ({
      sendBuffer: Buffer.from(t.send.buffer, t.send.byteOffset, t.send.length),
      receiveBuffer: t.receive ? Buffer.from(t.receive.buffer, t.receive.byteOffset, t.receive.length) : undefined,
      byteLength: t.send.length,
      speedHz: this.speedHz,
    }));
    return new Promise((resolve, reject) => {
      dev.transfer(wire, (err) => (err ? reject(err) : resolve()));
    });
  }
}
