import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { readBounded } from '../files/read-bounded';
import { writeFileAtomic } from '../files/atomic-write';
import { formatBankJson } from './bank-json';
import { BANK_LIMITS } from './bank-limits';
import { unpackBank } from './bank-pack';
import { BANK_FILE, type DescriptorBank } from './descriptor-bank';
import { validateBank } from './validate-bank';

/** A validated bank and the file it was read from. */
export interface LoadedBank {
  bank: DescriptorBank;
  file: string;
}

/**
 * Reads and fully validates a bank from a bank folder, a bank.json or a packed .nrbank. Throws
 * NR_BANK_NOT_FOUND, NR_JSON_MALFORMED, or the validation errors of validate-bank.ts / bank-pack.ts.
 */
export async function readBank(path: string): Promise<LoadedBank> {
  let file = path;
  const st = await fs.stat(path).catch(() => undefined);
  if (!st) throw new NeurorackError('NR_BANK_NOT_FOUND', 'no bank folder, bank.json or .nrbank at this path', { file: path });
  if (st.isDirectory()) {
    file = join(path, BANK_FILE);
    if (!(await fs.stat(file).catch(() => undefined))) throw new NeurorackError('NR_BANK_NOT_FOUND', `the folder has no ${BANK_FILE}`, { file: path });
  }
  const bytes = await readLimited(file);
  if (file.endsWith('.nrbank')) return { bank: unpackBank(bytes, file), file };
  return { bank: validateBank(parseJson(bytes, file), file), file };
}

/** JSON.parse with the file named on failure. */
export function parseJson(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new NeurorackError('NR_JSON_MALFORMED', `not valid JSON (${(err as Error).message})`, { file }, { cause: err });
  }
}

function readLimited(file: string): Promise<Buffer> {
  return readBounded(file, { maxBytes: BANK_LIMITS.maxBankBytes, tooLargeCode: 'NR_BANK_INVALID', what: 'bank' });
}

/**
 * Writes `bank` as `dir`/bank.json (or bank.json bytes already formatted and validated, as
 * BankThread.prepare gives them). Refuses (NR_BANK_EXISTS) when a bank.json is already there
 * unless `force`. The file appears complete or not at all; a folder this call created is removed
 * again when the write fails.
 */
export async function writeBankFolder(dir: string, bank: DescriptorBank | { readonly json: Uint8Array }, opts: { force?: boolean } = {}): Promise<string> {
  const file = join(dir, BANK_FILE);
  if (!opts.force && (await fs.stat(file).catch(() => undefined))) {
    throw new NeurorackError('NR_BANK_EXISTS', `a bank is already there; pass --force to replace it`, { file });
  }
  const created = await fs.mkdir(dir, { recursive: true });
  try {
    await writeFileAtomic(file, 'json' in bank ? bank.json : formatBankJson(bank));
  } catch (err) {
    if (created) await fs.rm(created, { recursive: true, force: true }).catch(() => undefined);
    throw new NeurorackError('NR_BANK_WRITE_FAILED', `could not write the bank (${(err as Error).message})`, { file }, { cause: err });
  }
  return file;
}
