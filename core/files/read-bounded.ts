import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, type Stats } from 'node:fs';
import type { ErrorCode } from '../errors/catalogue';
import { NeurorackError } from '../errors/neurorack-error';

export interface BoundedReadOptions {
  /** Largest number of bytes accepted; reading stops at the first byte past it. */
  readonly maxBytes: number;
  /** The code for a file over the limit (default NR_FILE_TOO_LARGE); callers keep their stable code. */
  readonly tooLargeCode?: ErrorCode;
  /** What the file is, for messages ("bank", "plugin manifest"). */
  readonly what?: string;
  readonly pointer?: string;
}

const CHUNK = 64 * 1024;
/** O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/**
 * Reads a whole regular file, bounded by the bytes actually read, never by `stat().size` (which is
 * 0 for /dev/zero, /proc files and FIFOs, and stale for a file still growing). The path may be a
 * symlink; what it opens must be a regular file (else NR_FILE_NOT_REGULAR, before any read).
 * Errors from open() (ENOENT, EACCES, ELOOP) are thrown as they are, for the caller to name.
 */
export async function readBounded(file: string, options: BoundedReadOptions): Promise<Buffer> {
  const handle = await fs.open(file, OPEN_FLAGS);
  try {
    checkRegular(await handle.stat(), file, options);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, options.maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > options.maxBytes) throw tooLarge(file, options);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** readBounded for synchronous callers (config and manifest loading at boot). */
export function readBoundedSync(file: string, options: BoundedReadOptions): Buffer {
  const fd = openSync(file, OPEN_FLAGS);
  try {
    checkRegular(fstatSync(fd), file, options);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, options.maxBytes + 1 - total));
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > options.maxBytes) throw tooLarge(file, options);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function checkRegular(st: Stats, file: string, options: BoundedReadOptions): void {
  if (st.isFile()) return;
  const kind = st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a regular file';
  throw new NeurorackError('NR_FILE_NOT_REGULAR', `expected ${options.what ? `the ${options.what} to be ` : ''}a regular file, found ${kind}`, { file, ...(options.pointer ? { pointer: options.pointer } : {}) });
}

function tooLarge(file: string, options: BoundedReadOptions): NeurorackError {
  return new NeurorackError(options.tooLargeCode ?? 'NR_FILE_TOO_LARGE', `${options.what ? `the ${options.what}` : 'the file'} is larger than ${options.maxBytes} bytes; expected at most ${options.maxBytes}`, { file, ...(options.pointer ? { pointer: options.pointer } : {}) });
}
