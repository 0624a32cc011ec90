import { NeurorackError } from '../errors/neurorack-error';
import { bankContentHash } from './bank-hash';
import { checkBankText } from './bank-text';
import { checkBankSchema } from './bank-validator';
import { checkBankValues } from './bank-values';
import type { DescriptorBank } from './descriptor-bank';
import { assertEntryName } from './entry-name';

/**
 * Everything a received bank must pass before it is used or written: entry names safe (checked
 * first, so an escaping name gets its own error rather than a pattern mismatch), the schema (defaults
 * filled in place), an id, name and author that read as what they are, the values, and the
 * content hash. Returns the typed bank or throws a
 * NeurorackError naming `file` and the JSON pointer of the problem.
 */
export function validateBank(doc: unknown, file: string): DescriptorBank {
  precheckEntryNames(doc, file);
  const bank = checkBankSchema(doc, file);
  checkBankText(bank, file);
  checkBankValues(bank, file);
  const actual = bankContentHash(bank);
  if (actual !== bank.contentHash) {
    throw new NeurorackError('NR_BANK_HASH_MISMATCH', `contentHash is ${bank.contentHash} but the content hashes to ${actual}; the bank was changed or damaged after it was made`, { file, pointer: '/contentHash' });
  }
  return bank;
}

function precheckEntryNames(doc: unknown, file: string): void {
  const entries = (doc as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return;
  entries.forEach((e: unknown, i) => {
    const name = (e as { name?: unknown } | null)?.name;
    if (typeof name === 'string') assertEntryName(name, file, `/entries/${i}/name`);
  });
}
