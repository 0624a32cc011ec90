import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { asNeurorackError } from '../errors/neurorack-error';
import { readBank, type LoadedBank } from './bank-store';
import { BANK_FILE } from './descriptor-bank';

/** One bank found on disk. Invalid banks are listed with their problem rather than hidden. */
export interface BankSummary {
  origin: 'shipped' | 'user';
  path: string;
  id?: string;
  name?: string;
  version?: string;
  author?: string;
  licence?: string;
  entries?: number;
  contentHash?: string;
  problem?: string;
}

/**
 * Lists the bank folders (sub-folders holding a bank.json) of each root, validating each one. A
 * missing root lists nothing. Sorted by origin, then id. `read` reads a bank (a cache may stand in).
 */
export async function listBanks(roots: ReadonlyArray<{ origin: BankSummary['origin']; dir: string }>, read: (path: string) => Promise<LoadedBank> = readBank): Promise<BankSummary[]> {
  const out: BankSummary[] = [];
  for (const { origin, dir } of roots) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const folder = join(dir, name);
      if (name.startsWith('.') || !(await fs.stat(join(folder, BANK_FILE)).catch(() => undefined))) continue;
      try {
        const { bank } = await read(folder);
        out.push({ origin, path: folder, id: bank.id, name: bank.name, version: bank.version, author: bank.author, licence: bank.licence, entries: bank.entries.length, contentHash: bank.contentHash });
      } catch (err) {
        out.push({ origin, path: folder, problem: asNeurorackError(err).describe() });
      }
    }
  }
  return out;
}
