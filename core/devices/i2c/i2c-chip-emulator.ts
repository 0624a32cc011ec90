/**
 * A chip on an emulated I2C bus, seen from the wire. The bus calls `onWrite` with the bytes of a
 * write transaction and `onRead` for a read transaction; a write-then-read with repeated START is
 * an `onWrite` followed by an `onRead`. Emulators keep their own register pointer and time (from an
 * injected Clock), exactly as the chip does.
 *
 * Obligations: `onRead(length)` returns exactly `length` bytes; neither method throws for any byte
 * pattern a master could send (a real chip ignores what it does not understand).
 */
export interface I2cChipEmulator {
  onWrite(bytes: Uint8Array): void;
  onRead(length: number): Uint8Array;
}
