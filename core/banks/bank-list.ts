import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { asNeurorackError } from '../errors/neurorack-error';
import { readBank } from './bank-store';
import { outlineOf, type BankOutline } from './bank-outline';
import { BANK_FILE } from './descriptor-bank';
import { shippedIdError } from './shipped-ids';

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
 * missing root lists nothing. Sorted by origin, then id. `outline` reads a bank's outline (a cache may stand in).
 * A user bank holding a shipped bank's id with other content is listed with NR_BANK_ID_RESERVED as
 * its problem and no id, so that nothing choosing by id can reach it in place of the shipped one
 * (a copy of the shipped bank itself is left out: it is listed once, as shipped).
 */
export async function listBanks(roots: ReadonlyArray<{ origin: BankSummary['origin']; dir: string }>, outline: (path: string) => Promise<BankOutline> = async (path) => outlineOf(await readBank(path))): Promise<BankSummary[]> {
  const out: BankSummary[] = [];
  const shipped = new Map<string, string>();
  for (const { origin, dir } of roots) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const folder = join(dir, name);
      if (name.startsWith('.') || !(await fs.stat(join(folder, BANK_FILE)).catch(() => undefined))) continue;
      try {
        const bank = await outline(folder);
        if (origin === 'shipped') shipped.set(bank.id, bank.contentHash);
        else if (shipped.get(bank.id) === bank.contentHash) continue; // the shipped bank again, listed once
        else if (shipped.has(bank.id)) throw shippedIdError(bank.id, join(folder, BANK_FILE));
        out.push({ origin, path: folder, id: bank.id, name: bank.name, version: bank.version, author: bank.author, licence: bank.licence, entries: bank.entries.length, contentHash: bank.contentHash });
      } catch (err) {
        out.push({ origin, path: folder, problem: asNeurorackError(err).describe() });
      }
    }
  }
  return out;
}
