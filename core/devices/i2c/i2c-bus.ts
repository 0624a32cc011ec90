/**
 * An I2C bus as the drivers use it: raw transactions addressed to a 7-bit address. The register
 * conventions of each chip (pointer byte, byte order) live in the driver, not here, so the real
 * binding and the emulated one carry exactly the bytes that cross a wire.
 *
 * Obligations:
 * - `write(address, bytes)` is one I2C write transaction (START, address+W, bytes, STOP).
 * - `read(address, length)` is one I2C read transaction and resolves to exactly `length` bytes.
 * - `writeRead(address, bytes, length)` writes then reads with a repeated START (how a register is
 *   read: write the pointer, read the value).
 * - A device that does not acknowledge rejects with an Error whose `code` is `'EREMOTEIO'`; a
 *   transaction that hangs rejects with code `'ETIMEDOUT'`. At most 32 bytes per transaction.
 * - Transactions on one bus never interleave: each completes before the next starts.
 */
export interface I2cBus {
  readonly busNumber: number;
  write(address: number, bytes: Uint8Array): Promise<void>;
  read(address: number, length: number): Promise<Uint8Array>;
  writeRead(address: number, bytes: Uint8Array, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The most bytes one transaction may carry (i2c-bus's block limit, and SMBus's). */
export const I2C_MAX_TRANSFER = 32;
