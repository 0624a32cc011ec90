import { gunzipSync, gzipSync } from 'node:zlib';
import { NeurorackError } from '../errors/neurorack-error';
import { BANK_LIMITS } from './bank-limits';
import { firstDuplicateKey } from './duplicate-keys';
import type { DescriptorBank } from './descriptor-bank';
import { validateBank } from './validate-bank';

export const PACK_FORMAT = 'neurorack-nrbank';
export const PACK_FORMAT_VERSION = 1;
/** The envelope's keys, all required, no others. */
const ENVELOPE_KEYS: readonly string[] = ['format', 'formatVersion', 'sha256', 'bank'];

/**
 * A .nrbank file is gzip (RFC 1952) of this JSON envelope. `sha256` repeats the bank's contentHash
 * so a reader can compare it with what the content hashes to before trusting anything inside.
 */
export interface PackEnvelope {
  format: typeof PACK_FORMAT;
  formatVersion: typeof PACK_FORMAT_VERSION;
  sha256: string;
  bank: DescriptorBank;
}

/** Packs a validated bank into .nrbank bytes. Deterministic: equal banks give equal bytes. */
export function packBank(bank: DescriptorBank): Buffer {
  const envelope: PackEnvelope = { format: PACK_FORMAT, formatVersion: PACK_FORMAT_VERSION, sha256: bank.contentHash, bank };
  // mtime 0 and no file name in the gzip header: gzipSync writes neither.
  return gzipSync(Buffer.from(JSON.stringify(envelope), 'utf8'), { level: 9 });
}

/**
 * Unpacks and fully validates .nrbank bytes: gzip within the size limit, JSON with no key twice in
 * an object, the envelope (its four keys and no other), the bank
 * (schema, values, names) and both hashes. Nothing is written. Errors name `file` and a pointer
 * into the envelope (e.g. /bank/entries/0/name).
 */
export function unpackBank(bytes: Uint8Array, file: string, maxUnpackedBytes: number = BANK_LIMITS.maxBankBytes): DescriptorBank {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new NeurorackError('NR_BANK_PACK_INVALID', 'not a gzip file; expected a packed bank made by `neurorack bank pack`', { file });
  }
  let json: Buffer;
  try {
    json = gunzipSync(bytes, { maxOutputLength: maxUnpackedBytes });
  } catch (err) {
    const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    const why = tooBig ? `it decompresses to more than ${maxUnpackedBytes} bytes (the limit for a bank from ${maxUnpackedBytes < BANK_LIMITS.maxBankBytes ? 'elsewhere' : 'this machine'})` : `the compressed data is damaged or truncated (${(err as Error).message})`;
    throw new NeurorackError('NR_BANK_PACK_INVALID', why, { file }, { cause: err });
  }
  let envelope: Partial<PackEnvelope>;
  const text = json.toString('utf8');
  try {
    envelope = JSON.parse(text) as Partial<PackEnvelope>;
  } catch (err) {
    throw new NeurorackError('NR_BANK_PACK_INVALID', `the packed content is not JSON (${(err as Error).message})`, { file }, { cause: err });
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) {
    throw new NeurorackError('NR_BANK_PACK_INVALID', `key ${JSON.stringify(duplicate.key)} appears twice in the same object; expected each key once (readers would disagree on which one counts)`, { file, pointer: duplicate.pointer });
  }
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope) || envelope.format !== PACK_FORMAT) {
    throw new NeurorackError('NR_BANK_PACK_INVALID', `expected "format": "${PACK_FORMAT}"`, { file, pointer: '/format' });
  }
  const extra = Object.keys(envelope).find((k) => !ENVELOPE_KEYS.includes(k));
  if (extra !== undefined) {
    throw new NeurorackError('NR_BANK_PACK_INVALID', `the envelope has a key ${JSON.stringify(extra)}; expected only ${ENVELOPE_KEYS.map((k) => `"${k}"`).join(', ')}`, { file, pointer: `/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}` });
  }
  if (envelope.formatVersion !== PACK_FORMAT_VERSION) {
    throw new NeurorackError('NR_BANK_PACK_INVALID', `expected "formatVersion": ${PACK_FORMAT_VERSION}, got ${JSON.stringify(envelope.formatVersion)}`, { file, pointer: '/formatVersion' });
  }
  if (typeof envelope.sha256 !== 'string') {
    throw new NeurorackError('NR_BANK_PACK_INVALID', 'missing the bank hash; expected "sha256": "sha256:<hex>"', { file, pointer: '/sha256' });
  }
  let bank: DescriptorBank;
  try {
    bank = validateBank(envelope.bank, file);
  } catch (err) {
    if (err instanceof NeurorackError) {
      throw new NeurorackError(err.code, err.message, { ...err.location, pointer: `/bank${err.location.pointer === '/' ? '' : err.location.pointer ?? ''}` }, { cause: err });
    }
    throw err;
  }
  if (envelope.sha256 !== bank.contentHash) {
    throw new NeurorackError('NR_BANK_HASH_MISMATCH', `the pack says ${envelope.sha256} but the bank inside hashes to ${bank.contentHash}`, { file, pointer: '/sha256' });
  }
  return bank;
}
