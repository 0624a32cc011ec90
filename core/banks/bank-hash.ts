import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * The content hash of a bank: `sha256:` + hex SHA-256 of the UTF-8 canonical JSON (canonical-json.ts)
 * of the document with its `contentHash` property left out. Computed on the validated document,
 * schema defaults included, which is also what the bank tools write.
 */
export function bankContentHash(bank: object): string {
  const { contentHash: _omit, ...rest } = bank as Record<string, unknown>;
  return 'sha256:' + createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** Hex SHA-256 of bytes (sound files, packed banks). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
