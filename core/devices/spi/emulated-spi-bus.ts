import { NeurorackError } from '../../errors/neurorack-error';
import type { Clock } from '../../scheduler/clock';
import { checkTransferSizes, spiError, type SpiBus, type SpiTransfer } from './spi-bus';
import type { SpiPeripheral } from './spi-peripheral';

/**
 * Faults the emulated bus can inject. `timeout` and `corrupt` last for `count` messages (forever
 * when omitted); `gone` lasts until {@link EmulatedSpiBus.clearFault} (the device comes back).
 */
export type SpiFault =
  | { readonly kind: 'timeout'; readonly count?: number }
  | { readonly kind: 'gone' }
  | { readonly kind: 'corrupt'; readonly count?: number; readonly xor?: number };

export interface EmulatedSpiBusOptions {
  readonly busNumber?: number;
  readonly deviceNumber?: number;
  readonly speedHz?: number;
  /** When true, each message waits its wire time (bits / speedHz) on the clock. Default false. */
  readonly wireTime?: boolean;
  /** When false, `open()` rejects as if /dev/spidevB.D did not exist. Default true. */
  readonly present?: boolean;
}

/** What crossed the emulated wire, for tests: per message, the length of each transfer. */
export interface SpiBusStats {
  readonly messages: number;
  readonly transfers: number;
  readonly bytes: number;
  readonly largestTransfer: number;
  readonly rejected: number;
}

/**
 * The emulated binding of {@link SpiBus}: hands each transfer's bytes to a chip emulator. Test
 * controls: `injectFault`, `clearFault`, `stats()`, `transferSizes()` (recent transfer lengths).
 */
export class EmulatedSpiBus implements SpiBus {
  readonly busNumber: number;
  readonly deviceNumber: number;
  readonly speedHz: number;
  private opened = false;
  private fault: SpiFault | undefined;
  private faultLeft = Infinity;
  private chain: Promise<void> = Promise.resolve();
  private readonly sizes: number[] = [];
  private counters = { messages: 0, transfers: 0, bytes: 0, largestTransfer: 0, rejected: 0 };

  constructor(
    private readonly peripheral: SpiPeripheral,
    private readonly clock: Clock,
    private readonly options: EmulatedSpiBusOptions = {},
  ) {
    this.busNumber = options.busNumber ?? 0;
    this.deviceNumber = options.deviceNumber ?? 0;
    this.speedHz = options.speedHz ?? 24_000_000;
  }

  private get name(): string {
    return `spidev${this.busNumber}.${this.deviceNumber}`;
  }

  async open(): Promise<void> {
    if (this.options.present === false) {
      throw new NeurorackError('NR_SPI_BUS_UNAVAILABLE', `${this.name} does not exist (emulated bus configured absent); expected /dev/${this.name}`, { device: this.name });
    }
    this.opened = true;
  }

  transfer(message: readonly SpiTransfer[]): Promise<void> {
    const run = this.chain.then(() => this.run(message));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.opened = false;
  }

  /** Test control: inject a fault (replaces any current one). */
  injectFault(fault: SpiFault): void {
    this.fault = fault;
    this.faultLeft = fault.kind === 'gone' ? Infinity : (fault.count ?? Infinity);
  }

  /** Test control: end the current fault (a `gone` device comes back). */
  clearFault(): void {
    this.fault = undefined;
  }

  stats(): SpiBusStats {
    return { ...this.counters };
  }

  /** Test control: lengths of the most recent transfers (up to 4096 of them), oldest first. */
  transferSizes(): readonly number[] {
    return this.sizes;
  }

  private async run(message: readonly SpiTransfer[]): Promise<void> {
    if (!this.opened) throw spiError('ENODEV', `${this.name}: transfer on a bus that is not open`);
    const fault = this.takeFault();
    if (fault?.kind === 'gone') {
      this.counters.rejected++;
      throw spiError('ENODEV', `${this.name}: no such device (emulated fault: device gone)`);
    }
    if (fault?.kind === 'timeout') {
      this.counters.rejected++;
      throw spiError('ETIMEDOUT', `${this.name}: transfer timed out (emulated fault)`);
    }
    const oversize = checkTransferSizes(message, this.name);
    if (oversize) {
      this.counters.rejected++;
      throw oversize;
    }
    let bytes = 0;
    for (const t of message) {
      const send = fault?.kind === 'corrupt' ? corrupted(t.send, fault.xor ?? 0xff) : t.send;
      this.peripheral.exchange(send, t.receive);
      this.record(t.send.length);
      bytes += t.send.length;
    }
    this.counters.messages++;
    if (this.options.wireTime) await this.clock.sleep((bytes * 8 * 1000) / this.speedHz);
  }

  private takeFault(): SpiFault | undefined {
    const fault = this.fault;
    if (!fault) return undefined;
    if (fault.kind !== 'gone' && --this.faultLeft <= 0) this.fault = undefined;
    return fault;
  }

  private record(length: number): void {
    this.counters.transfers++;
    this.counters.bytes += length;
    if (length > this.counters.largestTransfer) this.counters.largestTransfer = length;
    this.sizes.push(length);
    if (this.sizes.length > 4096) this.sizes.splice(0, this.sizes.length - 4096);
  }
}

/** A copy with the middle byte flipped: what a glitch on MOSI does to one transfer. */
function corrupted(bytes: Uint8Array, xor: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  if (copy.length > 0) copy[copy.length >> 1] ^= xor;
  return copy;
}
