import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { sha256Hex } from './bank-hash';
import { findInIndex } from './bank-index';
import { BANK_LIMITS } from './bank-limits';
import { unpackBank } from './bank-pack';
import { openRegistry } from './bank-registry';
import { parseJson, readBank, writeBankFolder } from './bank-store';
import type { DescriptorBank } from './descriptor-bank';
import { fetchLimited } from './fetch-limited';
import { assertNotShippedId } from './shipped-ids';
import { paths } from '../paths';
import { validateBank } from './validate-bank';

export interface InstallOptions {
  /** The user's bank folder; the bank goes to `dir`/<id>/bank.json. */
  dir: string;
  /** Replace a bank with the same id. */
  force?: boolean;
  /** The shipped banks' folder, whose ids a user bank cannot take (default: the module's). */
  shippedDir?: string;
  /** Registry index (URL or path): `source` is then a bank id. */
  registry?: string;
  maxBytes?: number;
  cwd?: string;
  /** Told each step of a registry install: the index read, bytes downloaded, verified, written. */
  onProgress?: (step: InstallProgress) => void;
}

/** Where an install from a registry is: `download` carries bytes so far and the size the index lists. */
export type InstallProgress =
  | { readonly phase: 'index' }
  | { readonly phase: 'download'; readonly received: number; readonly total: number }
  | { readonly phase: 'verify' }
  | { readonly phase: 'write' };

export interface InstallResult {
  bank: DescriptorBank;
  file: string;
  from: string;
}

/**
 * Installs a bank from a local folder / bank.json / .nrbank, an http(s) URL, or (with `registry`)
 * a bank id. The bank is fully verified (schema, values, names, hashes) before anything is
 * written; an existing bank with the same id is kept unless `force`, and a shipped bank's id is
 * never taken by other content (NR_BANK_ID_RESERVED); bank.json is written atomically.
 */
export async function installBank(source: string, opts: InstallOptions): Promise<InstallResult> {
  const maxBytes = opts.maxBytes ?? BANK_LIMITS.maxDownloadBytes;
  const { bank, from } = await fetchVerified(source, opts, maxBytes);
  await assertNotShippedId(bank, opts.shippedDir ?? paths.descriptorBanks, from);
  opts.onProgress?.({ phase: 'write' });
  const target = join(opts.dir, bank.id);
  const file = await writeBankFolder(target, bank, { force: opts.force });
  return { bank, file, from };
}

async function fetchVerified(source: string, opts: InstallOptions, maxBytes: number): Promise<{ bank: DescriptorBank; from: string }> {
  if (opts.registry) return fetchFromRegistry(opts.registry, source, opts, maxBytes);
  if (/^https?:\/\//i.test(source)) {
    const bytes = await fetchLimited(source, maxBytes);
    return { bank: bankFromBytes(bytes, source), from: source };
  }
  const path = resolve(opts.cwd ?? process.cwd(), source);
  if (!(await fs.stat(path).catch(() => undefined))) throw new NeurorackError('NR_BANK_NOT_FOUND', 'no bank folder, bank.json or .nrbank at this path', { file: path });
  return { bank: (await readBank(path)).bank, from: path };
}

/**
 * A bank from a registry, verified as `bank install ID --registry` verifies it: the index checked,
 * the pack's bytes against the index's sha256 and size limit, the bank inside fully validated and
 * its id and content hash against the index's. Nothing is written: the panel's preview uses it as
 * it is, and installBank writes what it returns.
 */
export async function fetchFromRegistry(registryAt: string, source: string, opts: Pick<InstallOptions, 'cwd' | 'onProgress'>, maxBytes: number): Promise<{ bank: DescriptorBank; from: string }> {
  opts.onProgress?.({ phase: 'index' });
  const registry = await openRegistry(registryAt, { cwd: opts.cwd });
  const entry = findInIndex(registry.index, source);
  if (!entry) throw new NeurorackError('NR_BANK_NOT_FOUND', `the registry has no bank with id "${source}"`, { file: registry.location });
  const from = registry.locate(entry);
  const progress = opts.onProgress;
  const bytes = await registry.fetchPack(entry, maxBytes, progress && ((received) => progress({ phase: 'download', received, total: entry.size })));
  progress?.({ phase: 'verify' });
  const actual = sha256Hex(bytes);
  if (actual !== entry.sha256) {
    throw new NeurorackError('NR_BANK_HASH_MISMATCH', `the download hashes to ${actual} but the registry lists ${entry.sha256}`, { file: from });
  }
  const bank = unpackBank(bytes, from, BANK_LIMITS.maxReceivedBankBytes);
  if (bank.id !== entry.id || bank.contentHash !== entry.contentHash) {
    throw new NeurorackError('NR_BANK_HASH_MISMATCH', `the packed bank is ${bank.id} ${bank.contentHash}, not the ${entry.id} ${entry.contentHash} the registry lists`, { file: from });
  }
  return { bank, from };
}

/** A downloaded bank: packed (gzip) or a plain bank.json. */
function bankFromBytes(bytes: Buffer, from: string): DescriptorBank {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return unpackBank(bytes, from, BANK_LIMITS.maxReceivedBankBytes);
  return validateBank(parseJson(bytes, from), from);
}
