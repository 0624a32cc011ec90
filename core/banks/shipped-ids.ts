import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { readBank } from './bank-store';
import { BANK_FILE, type DescriptorBank } from './descriptor-bank';

/**
 * Refuses a user bank that takes a shipped bank's id with other content (NR_BANK_ID_RESERVED
 * naming `file`): the performer choosing "wood-and-skins" must get the bank the module shipped
 * with, never a lookalike installed over it. The shipped bank itself (the same content hash) may be
 * installed again. A shipped bank lives in `shippedDir`/<id>/bank.json.
 */
export async function assertNotShippedId(bank: Pick<DescriptorBank, 'id' | 'contentHash'>, shippedDir: string, file?: string): Promise<void> {
  const folder = join(shippedDir, bank.id);
  if (!(await fs.stat(join(folder, BANK_FILE)).catch(() => undefined))) return;
  const shipped = await readBank(folder).then((b) => b.bank.contentHash, () => undefined);
  if (shipped !== bank.contentHash) throw shippedIdError(bank.id, file);
}

export function shippedIdError(id: string, file?: string): NeurorackError {
  return new NeurorackError('NR_BANK_ID_RESERVED', `bank id "${id}" is a shipped bank's and this bank's content differs from it; a user bank cannot take the id (it would shadow the shipped one): give the bank another id`, { file, pointer: '/id' });
}
