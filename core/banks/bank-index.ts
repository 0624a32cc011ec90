import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as semver from 'semver';
import { NeurorackError } from '../errors/neurorack-error';
import { readBounded } from '../files/read-bounded';
import { sha256Hex } from './bank-hash';
import { BANK_LIMITS } from './bank-limits';
import { unpackBank } from './bank-pack';

export const INDEX_FORMAT = 'neurorack-bank-index';
export const INDEX_FORMAT_VERSION = 1;

/** One packed bank in a registry. `sha256` is of the .nrbank file's bytes; `contentHash` of the bank inside. */
export interface BankIndexEntry {
  id: string;
  name: string;
  version: string;
  author: string;
  licence: string;
  description: string;
  entries: number;
  contentHash: string;
  sha256: string;
  size: number;
  /** Absolute http(s) URL, or a path relative to the index (no `..`, no leading `/`). */
  url: string;
}

/** A registry index (index.json): what `bank search` and `bank install ID --registry` read. */
export interface BankIndex {
  format: typeof INDEX_FORMAT;
  formatVersion: typeof INDEX_FORMAT_VERSION;
  banks: BankIndexEntry[];
}

/**
 * Indexes every .nrbank in `dir` (each unpacked and fully validated first). URLs are the file
 * names, relative to the index, or `baseUrl` + file name when given. Sorted by id, then version.
 */
export async function buildBankIndex(dir: string, opts: { baseUrl?: string; onFile?: (name: string) => void } = {}): Promise<BankIndex> {
  const st = await fs.stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new NeurorackError('NR_FILE_NOT_FOUND', 'expected a folder of .nrbank files', { file: dir });
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.nrbank')).sort();
  const banks: BankIndexEntry[] = [];
  for (const name of names) {
    opts.onFile?.(name);
    const bytes = await readBounded(join(dir, name), { maxBytes: BANK_LIMITS.maxDownloadBytes, tooLargeCode: 'NR_BANK_PACK_INVALID', what: 'packed bank' });
    const bank = unpackBank(bytes, join(dir, name));
    banks.push({
      id: bank.id,
      name: bank.name,
      version: bank.version,
      author: bank.author,
      licence: bank.licence,
      description: bank.description,
      entries: bank.entries.length,
      contentHash: bank.contentHash,
      sha256: sha256Hex(bytes),
      size: bytes.length,
      url: opts.baseUrl ? new URL(encodeURIComponent(name), opts.baseUrl.endsWith('/') ? opts.baseUrl : opts.baseUrl + '/').href : name,
    });
  }
  banks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : semver.compare(a.version, b.version)));
  return { format: INDEX_FORMAT, formatVersion: INDEX_FORMAT_VERSION, banks };
}

/** Checks a registry index received from anywhere; throws NR_BANK_INDEX_INVALID naming `file` and pointer. */
export function checkBankIndex(doc: unknown, file: string): BankIndex {
  const fail = (pointer: string, msg: string): never => {
    throw new NeurorackError('NR_BANK_INDEX_INVALID', msg, { file, pointer });
  };
  const index = doc as Partial<BankIndex> | null;
  if (index === null || typeof index !== 'object') return fail('/', 'expected a JSON object');
  if (index.format !== INDEX_FORMAT) fail('/format', `expected "${INDEX_FORMAT}"`);
  if (index.formatVersion !== INDEX_FORMAT_VERSION) fail('/formatVersion', `expected ${INDEX_FORMAT_VERSION}`);
  if (!Array.isArray(index.banks)) return fail('/banks', 'expected an array');
  index.banks.forEach((b: Partial<BankIndexEntry> | null, i) => {
    const at = `/banks/${i}`;
    if (b === null || typeof b !== 'object') return fail(at, 'expected an object');
    for (const key of ['id', 'name', 'version', 'author', 'licence', 'contentHash', 'sha256', 'url'] as const) {
      if (typeof b[key] !== 'string') fail(`${at}/${key}`, 'expected a string');
    }
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(b.id!)) fail(`${at}/id`, 'expected a bank id (lower-case slug)');
    if (!semver.valid(b.version!)) fail(`${at}/version`, 'expected a semver version');
    if (!/^[0-9a-f]{64}$/.test(b.sha256!)) fail(`${at}/sha256`, 'expected 64 hex digits');
    if (!/^sha256:[0-9a-f]{64}$/.test(b.contentHash!)) fail(`${at}/contentHash`, 'expected sha256:<64 hex digits>');
    if (!isAllowedUrl(b.url!)) fail(`${at}/url`, 'expected an http(s) URL or a relative path without ".." segments');
    if (typeof b.description !== 'string') b.description = '';
    if (typeof b.entries !== 'number') b.entries = 0;
    if (typeof b.size !== 'number') b.size = 0;
  });
  return index as BankIndex;
}

/** An http(s) URL, or a relative path without `..` or empty segments (what a registry index may point at). */
export function isAllowedUrl(url: string): boolean {
  if (/^https?:\/\//i.test(url)) return true;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/') || url.startsWith('\\')) return false;
  return !url.split(/[/\\]/).some((seg) => seg === '..' || seg === '');
}

/** Banks whose id, name, author or description contains `term` (case-insensitive). */
export function searchBankIndex(index: BankIndex, term: string): BankIndexEntry[] {
  const t = term.toLowerCase();
  return index.banks.filter((b) => [b.id, b.name, b.author, b.description].some((s) => s.toLowerCase().includes(t)));
}

/** The newest version of bank `id` in the index, or undefined. */
export function findInIndex(index: BankIndex, id: string): BankIndexEntry | undefined {
  return index.banks.filter((b) => b.id === id).sort((a, b) => semver.rcompare(a.version, b.version))[0];
}
