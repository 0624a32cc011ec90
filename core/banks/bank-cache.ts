import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { BANK_FILE } from './descriptor-bank';
import type { LoadedBank } from './bank-store';
import { BankThread } from './bank-thread';

/** What reads a bank for the cache (readBank's contract). */
export interface BankReader {
  read(path: string): Promise<LoadedBank>;
}

/**
 * Validated banks by path, read again only when their file changes (size, modification time, or
 * inode: an atomic write replaces the file, so a rewrite within one clock tick is still seen).
 * Reading a bank parses, validates and hashes it: 7 to 20 ms for a shipped bank, seconds for one
 * at the size limit; by default that work runs on a {@link BankThread}, not on the main thread,
 * which answers gates and CVs (and, on a device only it can write, feeds the audio driver), and a
 * performer switching entries does not pay it every time.
 * Holds at most `limit` banks (the least recently used go). Errors are not cached.
 */
export class BankCache {
  private readonly banks = new Map<string, { size: number; mtimeMs: number; ino: number; loaded: LoadedBank }>();

  constructor(private readonly limit = 16, private readonly reader: BankReader = new BankThread()) {}

  /** The bank at `path` (a bank folder, bank.json or .nrbank), as readBank gives it. */
  async read(path: string): Promise<LoadedBank> {
    const file = await fs.stat(path).then((st) => (st.isDirectory() ? join(path, BANK_FILE) : path)).catch(() => path);
    const st = await fs.stat(file).catch(() => undefined);
    const hit = this.banks.get(path);
    if (st && hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs && hit.ino === st.ino) {
      this.banks.delete(path);
      this.banks.set(path, hit);
      return hit.loaded;
    }
    const loaded = await this.reader.read(path);
    if (st) {
      this.banks.delete(path);
      this.banks.set(path, { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, loaded });
      for (const key of this.banks.keys()) {
        if (this.banks.size <= this.limit) break;
        this.banks.delete(key);
      }
    }
    return loaded;
  }
}
