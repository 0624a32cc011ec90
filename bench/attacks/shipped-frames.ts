import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BankEntry, DescriptorBank } from '../../core/banks/descriptor-bank';
import { paths } from '../../core/paths';

/** The shipped bank whose entries the attacks' curves are made of (values the model was trained on). */
export const SOURCE_BANK = 'wood-and-skins';

/** The entries of a shipped bank, read as they are (never written). */
export function shippedEntries(bankId = SOURCE_BANK): BankEntry[] {
  return (JSON.parse(readFileSync(join(paths.descriptorBanks, bankId, 'bank.json'), 'utf8')) as DescriptorBank).entries;
}

/** `n` frames: the shipped entries' frames one after another, over and over. */
export function repeatedFrames(n: number, entries: readonly BankEntry[] = shippedEntries()): number[][] {
  const all = entries.flatMap((e) => e.frames);
  return Array.from({ length: n }, (_, i) => all[i % all.length]!);
}
