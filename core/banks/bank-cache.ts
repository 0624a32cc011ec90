import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { BANK_FILE } from './descriptor-bank';
import type { LoadedBank } from './bank-store';
import { outlineOf, type BankOutline } from './bank-outline';
import { BankThread } from './bank-thread';

/** What reads a bank for the cache: whole (readBank's contract), or its outline. */
export interface BankReader {
  read(path: string): Promise<LoadedBank>;
  outline(path: string): Promise<BankOutline>;
}

/** How much the cache keeps. */
export interface BankCacheLimits {
  /** Outlines kept (small: names and identity). */
  readonly outlines: number;
  /** Whole banks kept: at most this many... */
  readonly banks: number;
  /** ...and at most this many bytes of bank files in all; a bank larger than this is not kept. */
  readonly bankBytes: number;
}

/** A performer's few banks in full (the shipped three are 450 KB together), and outlines for hundreds. */
export const BANK_CACHE_LIMITS: BankCacheLimits = { outlines: 256, banks: 16, bankBytes: 32 * 1024 * 1024 };

interface Stamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/**
 * Validated banks and bank outlines by path, read again only when their file changes (size,
 * modification time, or inode: an atomic write replaces the file, so a rewrite within one clock
 * tick is still seen). Reading a bank parses, validates and hashes it: 7 to 20 ms for a shipped
 * bank, seconds for one at the size limit; by default that work runs on a {@link BankThread}, not
 * on the main thread, which answers the screen, the menu and the panel, and a performer switching
 * entries does not pay it every time. A listing reads outlines only: a bank's curves cross to this
 * thread when one of its entries is played or shown. Whole banks are kept within a byte budget, the
 * least recently used going first. Errors are not cached.
 */
export class BankCache {
  private readonly banks = new Map<string, { stamp: Stamp; loaded: LoadedBank }>();
  private readonly outlines = new Map<string, { stamp: Stamp; outline: BankOutline }>();
  private readonly limits: BankCacheLimits;

  constructor(limits: Partial<BankCacheLimits> = {}, private readonly reader: BankReader = new BankThread()) {
    this.limits = { ...BANK_CACHE_LIMITS, ...limits };
  }

  /** The bank at `path` (a bank folder, bank.json or .nrbank), as readBank gives it. */
  async read(path: string): Promise<LoadedBank> {
    const stamp = await stampOf(path);
    const hit = this.banks.get(path);
    if (stamp && hit && same(hit.stamp, stamp)) return touch(this.banks, path, hit).loaded;
    const loaded = await this.reader.read(path);
    if (stamp && stamp.size <= this.limits.bankBytes) {
      touch(this.banks, path, { stamp, loaded });
      this.trimBanks();
    }
    return loaded;
  }

  /** The outline of the bank at `path`: from a whole bank kept, else read for itself. */
  async outline(path: string): Promise<BankOutline> {
    const stamp = await stampOf(path);
    const hit = this.outlines.get(path);
    if (stamp && hit && same(hit.stamp, stamp)) return touch(this.outlines, path, hit).outline;
    const whole = this.banks.get(path);
    const outline = stamp && whole && same(whole.stamp, stamp) ? outlineOf(whole.loaded) : await this.reader.outline(path);
    if (stamp) {
      touch(this.outlines, path, { stamp, outline });
      for (const key of this.outlines.keys()) {
        if (this.outlines.size <= this.limits.outlines) break;
        this.outlines.delete(key);
      }
    }
    return outline;
  }

  /** Bytes of bank files kept whole (tests and the stats read it). */
  get bankBytes(): number {
    let sum = 0;
    for (const b of this.banks.values()) sum += b.stamp.size;
    return sum;
  }

  private trimBanks(): void {
    let bytes = this.bankBytes;
    for (const [key, b] of this.banks) {
      if (this.banks.size <= this.limits.banks && bytes <= this.limits.bankBytes) break;
      this.banks.delete(key);
      bytes -= b.stamp.size;
    }
  }
}

/** The bank file's stamp, or undefined when it cannot be read (the reader then says why). */
async function stampOf(path: string): Promise<Stamp | undefined> {
  const file = await fs.stat(path).then((st) => (st.isDirectory() ? join(path, BANK_FILE) : path)).catch(() => path);
  const st = await fs.stat(file).catch(() => undefined);
  return st && { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

function same(a: Stamp, b: Stamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** Moves `key` to the most recently used end. */
function touch<V>(map: Map<string, V>, key: string, value: V): V {
  map.delete(key);
  map.set(key, value);
  return value;
}
