import { I2C_MAX_TRANSFER } from './i2c-bus';

/** One transaction as it crossed the emulated wire, for tests that count or inspect traffic. */
export interface I2cTransaction {
  readonly address: number;
  readonly kind: 'write' | 'read' | 'writeRead';
  readonly written: readonly number[];
  readonly readLength: number;
  readonly ok: boolean;
}

const KINDS = ['write', 'read', 'writeRead'] as const;
/** Bytes of one slot: address, kind, read length, ok, written length, then the written bytes. */
const HEADER = 5;
const SLOT = HEADER + I2C_MAX_TRANSFER;

/**
 * The most recent `limit` transactions of an emulated bus, in a ring of fixed memory: recording
 * one copies its bytes into the ring and allocates nothing. An emulated board polls its ADC a few
 * thousand times a second for hours; a log of objects (one per transaction, its bytes in an array)
 * kept 20 000 of them alive, and the garbage collector's work on them was about 40 % of the
 * control thread's idle CPU. `entries()` builds the objects only when a test reads them.
 */
export class TransactionLog {
  private readonly slots: Uint8Array;
  private next = 0;
  private count = 0;

  constructor(readonly limit: number) {
    this.slots = new Uint8Array(Math.max(0, limit) * SLOT);
  }

  record(address: number, kind: I2cTransaction['kind'], written: Uint8Array, readLength: number, ok: boolean): void {
    if (this.limit <= 0) return;
    const at = this.next * SLOT;
    const n = Math.min(written.length, I2C_MAX_TRANSFER);
    const s = this.slots;
    s[at] = address;
    s[at + 1] = KINDS.indexOf(kind);
    s[at + 2] = readLength;
    s[at + 3] = ok ? 1 : 0;
    s[at + 4] = n;
    for (let i = 0; i < n; i++) s[at + HEADER + i] = written[i]!;
    this.next = (this.next + 1) % this.limit;
    if (this.count < this.limit) this.count++;
  }

  /** The kept transactions, oldest first. */
  entries(): I2cTransaction[] {
    const out: I2cTransaction[] = [];
    const first = (this.next - this.count + this.limit) % Math.max(1, this.limit);
    for (let k = 0; k < this.count; k++) {
      const at = ((first + k) % this.limit) * SLOT;
      const s = this.slots;
      out.push({
        address: s[at]!,
        kind: KINDS[s[at + 1]!]!,
        readLength: s[at + 2]!,
        ok: s[at + 3] === 1,
        written: Array.from(s.subarray(at + HEADER, at + HEADER + s[at + 4]!)),
      });
    }
    return out;
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
  }
}
