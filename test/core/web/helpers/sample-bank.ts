import { buildBank } from '../../../../core/banks/bank-build';
import { writeBankFolder } from '../../../../core/banks/bank-store';
import type { BankEntry, DescriptorBank } from '../../../../core/banks/descriptor-bank';
import { join } from 'node:path';

/** A decaying impact-like curve: rms falls, f0 drops, spectrum darkens. */
export function impactFrames(count: number, f0: number): number[][] {
  return Array.from({ length: count }, (_, t) => {
    const d = Math.exp(-t / (count / 4));
    return [0.3 * d, 0.05 + 0.1 * d, 2000 + 6000 * d, 0.02 + 0.2 * d, 1000 + 2000 * d, 1200 + 3000 * d, f0 * (0.7 + 0.3 * d)];
  });
}

/** Writes a valid bank with `entries` entries into `root`/`id` and returns it. */
export async function writeSampleBank(root: string, id: string, entries = 3): Promise<DescriptorBank> {
  const list: BankEntry[] = Array.from({ length: entries }, (_, i) => ({
    name: `hit-${i + 1}`,
    tags: ['test'],
    source: { file: `hit-${i + 1}.wav`, sha256: String(i).repeat(64).slice(0, 64) },
    frames: impactFrames(60 + i * 10, 110 * (i + 1)),
  }));
  const file = join(root, id, 'bank.json');
  const bank = buildBank({ id, name: `Sample ${id}`, author: 'tests' }, list, file);
  await writeBankFolder(join(root, id), bank);
  return bank;
}
