/** spidev's default buffer size (`bufsiz` module parameter): the most bytes one transfer may carry. */
export const SPI_MAX_TRANSFER = 4096;

/** One transfer of a message: `send` goes out on MOSI; `receive`, when given, is filled from MISO. */
export interface SpiTransfer {
  readonly send: Uint8Array;
  readonly receive?: Uint8Array;
}

/**
 * An SPI device node (spidev B.D) as the drivers use it: raw messages, each a list of transfers.
 * Side-band lines (a display's DC and RST) are GPIO outputs the driver sets between messages.
 *
 * Obligations:
 * - `open()` opens the node; it rejects with `NR_SPI_BUS_UNAVAILABLE` when the node does not exist
 *   or cannot be opened (a rack config naming a bus that is not there).
 * - `transfer(message)` sends the transfers back to back in one message (chip select held), and
 *   resolves when all bytes are on the wire. A transfer longer than {@link SPI_MAX_TRANSFER} bytes
 *   rejects with code `'EMSGSIZE'` before anything is sent (spidev does the same); a bus that hangs
 *   rejects with `'ETIMEDOUT'`; a device node that disappeared rejects with `'ENODEV'`.
 * - Messages never interleave: each completes before the next starts.
 * - `close()` releases the node; it is idempotent.
 */
export interface SpiBus {
  readonly busNumber: number;
  readonly deviceNumber: number;
  readonly speedHz: number;
  open(): Promise<void>;
  transfer(message: readonly SpiTransfer[]): Promise<void>;
  close(): Promise<void>;
}

/** An Error with an errno-like `code`, as the SPI bindings reject with. */
export function spiError(code: 'EMSGSIZE' | 'ETIMEDOUT' | 'ENODEV' | 'EIO', message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/** Checks the transfer sizes of a message; returns an EMSGSIZE error or undefined. */
export function checkTransferSizes(message: readonly SpiTransfer[], where: string): Error | undefined {
  for (let i = 0; i < message.length; i++) {
    const length = message[i]!.send.length;
    if (length > SPI_MAX_TRANSFER) {
      return spiError('EMSGSIZE', `${where}: transfer ${i} carries ${length} bytes, expected at most ${SPI_MAX_TRANSFER} (spidev bufsiz)`);
    }
  }
  return undefined;
}
