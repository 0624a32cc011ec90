import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DescriptorFrames } from '../engine/descriptor-frames';
import { NeurorackError } from '../errors/neurorack-error';
import { paths } from '../paths';
import { readBank } from './bank-store';

/** A bank as a path (folder, bank.json, .nrbank) or the id of a shipped bank; the first shipped bank when absent. */
export function resolveBankPath(bank?: string): string | undefined {
  if (bank && !existsSync(bank) && existsSync(join(paths.descriptorBanks, bank))) return join(paths.descriptorBanks, bank);
  if (bank) return bank;
  if (!existsSync(paths.descriptorBanks)) return undefined;
  const first = readdirSync(paths.descriptorBanks).sort().find((d) => existsSync(join(paths.descriptorBanks, d, 'bank.json')));
  return first && join(paths.descriptorBanks, first);
}

/**
 * Reads a bank and picks entries by name or index ("0", "boom-0002"); an unknown one is an
 * NR_USAGE error naming `flag`, the bank and what it holds.
 */
export async function readBankEntries(where: string, picks: ReadonlyArray<{ key: string; flag: string }>): Promise<{ id: string; file: string; frames: DescriptorFrames[] }> {
  const { bank, file } = await readBank(where);
  const frames = picks.map(({ key, flag }) => {
    const e = /^\d+$/.test(key) ? bank.entries[Number(key)] : bank.entries.find((x) => x.name === key);
    if (!e) throw new NeurorackError('NR_USAGE', `${flag} ${key}: bank "${bank.id}" has no such entry; it has ${bank.entries.length} (${bank.entries.slice(0, 8).map((x) => x.name).join(', ')}...)`, { file });
    return e.frames;
  });
  return { id: bank.id, file, frames };
}
