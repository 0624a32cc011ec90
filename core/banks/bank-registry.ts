import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { readBounded } from '../files/read-bounded';
import { checkBankIndex, type BankIndex, type BankIndexEntry } from './bank-index';
import { BANK_LIMITS } from './bank-limits';
import { parseJson } from './bank-store';
import { fetchLimited } from './fetch-limited';

/** An opened registry: its checked index and how to get one of its packed banks. */
export interface BankRegistry {
  readonly location: string;
  readonly index: BankIndex;
  /** Where `entry`'s .nrbank lives (URL or local path), for messages. */
  locate(entry: BankIndexEntry): string;
  /** The .nrbank bytes of `entry`, at most `maxBytes` (`onProgress`: bytes so far of a download). */
  fetchPack(entry: BankIndexEntry, maxBytes: number, onProgress?: (received: number, total: number | null) => void): Promise<Buffer>;
}

/**
 * Opens a registry from an http(s) URL or a local path to its index.json (or the folder holding
 * it). Relative bank URLs resolve against the index's own location. A redirect to another host is
 * not followed (the index chooses its packs' URLs; a redirect must not).
 */
export async function openRegistry(registry: string, opts: { cwd?: string; maxBytes?: number } = {}): Promise<BankRegistry> {
  if (/^https?:\/\//i.test(registry)) {
    const bytes = await fetchLimited(registry, Math.min(opts.maxBytes ?? BANK_LIMITS.maxIndexBytes, BANK_LIMITS.maxIndexBytes), { sameOrigin: true });
    const index = checkBankIndex(parseIndexJson(bytes, registry), registry);
    const locate = (e: BankIndexEntry): string => new URL(e.url, registry).href;
    return { location: registry, index, locate, fetchPack: (e, max, onProgress) => fetchLimited(locate(e), max, { sameOrigin: true, onProgress }) };
  }
  let file = resolve(opts.cwd ?? process.cwd(), registry);
  const st = await fs.stat(file).catch(() => undefined);
  if (!st) throw new NeurorackError('NR_FILE_NOT_FOUND', 'no registry index at this path', { file });
  if (st.isDirectory()) file = resolve(file, 'index.json');
  const bytes = await readBounded(file, { maxBytes: BANK_LIMITS.maxIndexBytes, tooLargeCode: 'NR_BANK_INDEX_INVALID', what: 'registry index' }).catch((err: Error) => {
    if (err instanceof NeurorackError) throw err;
    throw new NeurorackError('NR_FILE_NOT_FOUND', `cannot read the registry index (${err.message})`, { file }, { cause: err });
  });
  const index = checkBankIndex(parseIndexJson(bytes, file), file);
  const locate = (e: BankIndexEntry): string => (/^https?:\/\//i.test(e.url) ? e.url : resolve(dirname(file), e.url));
  return {
    location: file,
    index,
    locate,
    fetchPack: async (e, max, onProgress) => {
      const where = locate(e);
      if (/^https?:\/\//i.test(where)) return fetchLimited(where, max, { sameOrigin: true, onProgress });
      return readBounded(where, { maxBytes: max, tooLargeCode: 'NR_BANK_DOWNLOAD_TOO_LARGE', what: 'packed bank' }).catch((err: Error) => {
        if (err instanceof NeurorackError) throw err;
        throw new NeurorackError('NR_BANK_NOT_FOUND', `the registry lists a packed bank that cannot be read (${err.message})`, { file: where }, { cause: err });
      });
    },
  };
}

function parseIndexJson(bytes: Uint8Array, file: string): unknown {
  try {
    return parseJson(bytes, file);
  } catch (err) {
    throw new NeurorackError('NR_BANK_INDEX_INVALID', (err as Error).message, { file }, { cause: err });
  }
}
