import { join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { readBank } from '../../banks/bank-store';
import { NeurorackError } from '../../errors/neurorack-error';
import { paths } from '../../paths';
import { fallbackEntries } from '../default-entries';
import type { DescriptorFrames } from '../descriptor-frames';

/**
 * Entries A and B for the instrument: from a bank (a folder, bank.json or .nrbank path, or a
 * shipped bank id) by name or index, else the first shipped bank's first two entries, else the
 * built-in fallback pair.
 */
export async function replayEntries(bank?: string, entryA = '0', entryB = '1'): Promise<{ a: DescriptorFrames; b: DescriptorFrames; source: string }> {
  let where = bank;
  if (where && !existsSync(where) && existsSync(join(paths.descriptorBanks, where))) where = join(paths.descriptorBanks, where);
  if (!where && existsSync(paths.descriptorBanks)) {
    const first = readdirSync(paths.descriptorBanks).sort().find((d) => existsSync(join(paths.descriptorBanks, d, 'bank.json')));
    if (first) where = join(paths.descriptorBanks, first);
  }
  if (!where) return { ...fallbackEntries(), source: 'built-in fallback entries' };
  const { bank: b, file } = await readBank(where);
  const pick = (key: string, flag: string): DescriptorFrames => {
    const e = /^\d+$/.test(key) ? b.entries[Number(key)] : b.entries.find((x) => x.name === key);
    if (!e) throw new NeurorackError('NR_USAGE', `${flag} ${key}: bank "${b.id}" has no such entry; it has ${b.entries.length} (${b.entries.slice(0, 8).map((x) => x.name).join(', ')}...)`, { file });
    return e.frames;
  };
  return { a: pick(entryA, '--entry-a'), b: pick(entryB, '--entry-b'), source: `${b.id} (${file})` };
}
