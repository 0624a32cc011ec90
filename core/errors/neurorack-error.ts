import { catalogue, type ErrorCode } from './catalogue';

/** Where a problem is: a file, a JSON pointer inside it, a device, a plugin. All optional. */
export interface ErrorLocation {
  readonly file?: string;
  readonly pointer?: string;
  readonly device?: string;
  readonly plugin?: string;
}

/**
 * The one error type the host throws on purpose. `code` is stable (see the catalogue), `message`
 * says what was expected and where, `location` carries the same facts for tools.
 */
export class NeurorackError extends Error {
  override readonly name = 'NeurorackError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly location: ErrorLocation = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** CLI exit status for this error (2 bad input, 1 runtime failure). */
  get exitCode(): 1 | 2 {
    return catalogue[this.code].exit;
  }

  /** `CODE: message` with the location prefixed, as printed on stderr and shown in toasts. */
  describe(): string {
    const where = [this.location.file, this.location.pointer && `at ${this.location.pointer}`]
      .filter(Boolean)
      .join(' ');
    return `${this.code}: ${where ? where + ': ' : ''}${this.message}`;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.location };
  }
}

/** Wraps anything thrown into a NeurorackError, keeping the original as `cause`. */
export function asNeurorackError(err: unknown, fallback: ErrorCode = 'NR_INTERNAL', location: ErrorLocation = {}): NeurorackError {
  if (err instanceof NeurorackError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new NeurorackError(fallback, message, location, { cause: err });
}
