import type { Hash } from 'node:crypto';

/**
 * A SHA-256 hash to update. Node's crypto (OpenSSL's start) loads on the first call, not with the
 * module that hashes: the SDK's modules hash (schemas, verified model files), and a thread that
 * only loads the SDK (a model thread: its session is on the path to playable) paid about 20 ms,
 * more under boot load, for a hash it never made.
 */
export function sha256(): Hash {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha256');
}
