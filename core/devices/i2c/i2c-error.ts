/** The two failure codes the {@link I2cBus} contract names. */
export type I2cErrorCode = 'EREMOTEIO' | 'ETIMEDOUT';

/** An Error carrying an I2C failure code, as Node's own system errors do. */
export interface I2cError extends Error {
  readonly code: I2cErrorCode;
}

export function i2cError(code: I2cErrorCode, busNumber: number, address: number, what: string): I2cError {
  const text = code === 'EREMOTEIO' ? 'no acknowledge (Remote I/O error)' : 'transaction timed out';
  const err = new Error(`i2c-${busNumber} ${hexAddress(address)}: ${what}: ${text}`) as Error & { code: I2cErrorCode };
  err.code = code;
  return err;
}

/** Whether `err` is a Remote I/O error (a NACK), whatever layer produced it. */
export function isRemoteIoError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: unknown; errno?: unknown };
  return e.code === 'EREMOTEIO' || e.errno === 121 || e.errno === -121 || /Remote I\/O error/i.test(e.message);
}

/** `0x48` style. */
export function hexAddress(address: number): string {
  return `0x${address.toString(16).padStart(2, '0').toUpperCase()}`;
}
