import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readBank } from '../../core/banks/bank-store';
import { paths } from '../../core/paths';
import type { BankCurves } from './entry-pair';

/** The shipped banks (descriptor-banks/) as the pair picker reads them. */
export async function shippedBankCurves(): Promise<BankCurves[]> {
  const out: BankCurves[] = [];
  for (const dir of readdirSync(paths.descriptorBanks, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const { bank } = await readBank(join(paths.descriptorBanks, dir));
    const col = (name: string) => bank.descriptors.findIndex((d) => d.name === name);
    out.push({
      id: bank.id,
      hopS: bank.frameRate.hopLength / bank.frameRate.sampleRate,
      rmsCol: col('rms'),
      centroidCol: col('centroid'),
      entries: bank.entries.map((e) => ({ name: e.name, frames: e.frames })),
    });
  }
  return out;
}
