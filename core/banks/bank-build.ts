import { bankContentHash } from './bank-hash';
import {
  BANK_FORMAT, BANK_FORMAT_VERSION, BANK_HOP_LENGTH, BANK_SAMPLE_RATE, DESCRIPTOR_ORDER, DESCRIPTOR_UNITS,
  type BankEntry, type DescriptorBank,
} from './descriptor-bank';
import { validateBank } from './validate-bank';

/** What a bank says about itself; the tools fill in the rest. */
export interface BankMeta {
  id: string;
  name?: string;
  author?: string;
  licence?: string;
  version?: string;
  description?: string;
}

export const DEFAULT_BANK_VERSION = '1.0.0';
export const DEFAULT_BANK_LICENCE = 'CC0-1.0';
export const DEFAULT_BANK_AUTHOR = 'unknown';

/**
 * Assembles a complete bank from its entries: declared descriptor ranges are the entries' min/max,
 * the content hash is computed, and the result is validated like any received bank (so a bank the
 * tools make always passes `bank validate`). `file` names the bank in errors.
 */
export function buildBank(meta: BankMeta, entries: BankEntry[], file: string): DescriptorBank {
  const bank: Omit<DescriptorBank, 'contentHash'> & { contentHash?: string } = {
    format: BANK_FORMAT,
    formatVersion: BANK_FORMAT_VERSION,
    id: meta.id,
    name: meta.name ?? meta.id,
    author: meta.author ?? DEFAULT_BANK_AUTHOR,
    licence: meta.licence ?? DEFAULT_BANK_LICENCE,
    version: meta.version ?? DEFAULT_BANK_VERSION,
    description: meta.description ?? '',
    frameRate: { sampleRate: BANK_SAMPLE_RATE, hopLength: BANK_HOP_LENGTH },
    descriptors: DESCRIPTOR_ORDER.map((name, k) => ({ name, unit: DESCRIPTOR_UNITS[name], ...columnRange(entries, k) })),
    entries,
  };
  bank.contentHash = bankContentHash(bank);
  return validateBank(bank, file);
}

function columnRange(entries: BankEntry[], k: number): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const e of entries) {
    for (const row of e.frames) {
      const v = row[k]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  // No frames at all: leave a degenerate range; validation reports the empty curve itself.
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}
