import { readBankEntries, resolveBankPath } from '../banks/bank-entry';
import { fallbackEntries } from '../engine/default-entries';
import type { DescriptorFrames } from '../engine/descriptor-frames';

/**
 * Entries A and B for the instrument: from a bank (a folder, bank.json or .nrbank path, or a
 * shipped bank id) by name or index, else the first shipped bank's first two entries, else the
 * built-in fallback pair.
 */
export async function replayEntries(bank?: string, entryA = '0', entryB = '1'): Promise<{ a: DescriptorFrames; b: DescriptorFrames; source: string }> {
  const where = resolveBankPath(bank);
  if (!where) return { ...fallbackEntries(), source: 'built-in fallback entries' };
  const { id, file, frames } = await readBankEntries(where, [{ key: entryA, flag: '--entry-a' }, { key: entryB, flag: '--entry-b' }]);
  return { a: frames[0]!, b: frames[1]!, source: `${id} (${file})` };
}
