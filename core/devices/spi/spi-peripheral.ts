/**
 * A chip emulator on an emulated SPI bus. It sees exactly the bytes of each transfer, in order;
 * side-band lines (DC, RST) it reads itself from the emulated GPIO chip at the time of the
 * transfer, as the silicon samples DC with each byte.
 */
export interface SpiPeripheral {
  /** One transfer: `send` arrived on MOSI; fill `receive` (when given) with what goes out on MISO. */
  exchange(send: Uint8Array, receive?: Uint8Array): void;
}
