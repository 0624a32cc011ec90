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

/** A boom as the shipped banks hold them: f0 50-400 Hz, a dark spectrum, a small zcr and flatness. */
export function boomFrames(count: number): number[][] {
  return Array.from({ length: count }, (_, t) => {
    const d = Math.exp(-t / (count / 4));
    return [0.2 * d, 0.005 + 0.02 * d, 200 + 1500 * d, 0.001 + 0.01 * d, 100 + 600 * d, 80 + 500 * d, 50 + 350 * d];
  });
}

/** Writes a bank with one 80-frame entry, `boom`, into `root`/`id`. */
export async function writeBoomBank(root: string, id: string): Promise<DescriptorBank> {
  const entry: BankEntry = { name: 'boom', tags: ['test'], source: { file: 'boom.wav', sha256: 'b'.repeat(64) }, frames: boomFrames(80) };
  const file = join(root, id, 'bank.json');
  const bank = buildBank({ id, name: `Booms ${id}`, author: 'tests' }, [entry], file);
  await writeBankFolder(join(root, id), bank);
  return bank;
}
