import { join } from 'node:path';
import { inc } from 'semver';
import { BankCache } from '../banks/bank-cache';
import { buildBank } from '../banks/bank-build';
import { sha256Hex } from '../banks/bank-hash';
import { listBanks, type BankSummary } from '../banks/bank-list';
import { packBank } from '../banks/bank-pack';
import { BankThread } from '../banks/bank-thread';
import { writeBankFolder } from '../banks/bank-store';
import { assertNotShippedId } from '../banks/shipped-ids';
import { BANK_HOP_LENGTH, BANK_SAMPLE_RATE, type BankEntry, type DescriptorBank } from '../banks/descriptor-bank';
import { NeurorackError } from '../errors/neurorack-error';
import { assertBankId, assertSafeEntryName } from './names';
import type { BankView, EntryCurves, SaveEntryRequest, SavedEntry } from './web-host';

/** The two bank roots the designer sees: read-only shipped banks and the user's writable ones. */
export interface BankFolders {
  readonly shipped: string;
  readonly user: string;
}

/** Banks kept parsed for listings and reads (the least recently used go). */
export const WEB_BANK_CACHE_LIMIT = 256;

/** Tag given to entries drawn in the curve designer (when the page sends none). */
export const DESIGNED_TAG = 'designed';

/**
 * The designer's view of the bank folders, over the bank tools (core/banks): every bank read is
 * fully validated, every write goes through buildBank (schema, values, hash) and is atomic, and
 * ids and entry names are checked before they touch a path. A user bank never takes a shipped
 * bank's id (NR_BANK_ID_RESERVED). Banks are parsed, unpacked and validated on a
 * {@link BankThread}, off the main thread. A bank is read (parsed, validated, hashed) again only when its file changed
 * (path, size, modification time, inode): a listing reads nothing that did not change.
 */
export class WebBanks {
  constructor(
    private readonly folders: BankFolders,
    private readonly thread: BankThread = new BankThread(),
    private readonly cache: BankCache = new BankCache({ outlines: WEB_BANK_CACHE_LIMIT }, thread),
  ) {}

  async list(): Promise<BankView[]> {
    const found = await this.summaries();
    const views: BankView[] = [];
    for (const s of found) {
      if (!s.id) {
        views.push({ id: s.path.replace(/^.*[/\\]/, ''), name: s.path, origin: s.origin, writable: false, entries: [], problem: s.problem });
        continue;
      }
      const bank = await this.cache.outline(s.path);
      views.push({ id: bank.id, name: bank.name, origin: s.origin, writable: s.origin === 'user', entries: [...bank.entries] });
    }
    return views;
  }

  async read(bankId: string, entry: string): Promise<EntryCurves> {
    assertBankId(bankId, 'read entry');
    assertSafeEntryName(entry, 'read entry');
    const { bank } = await this.load(bankId);
    const found = bank.entries.find((e) => e.name === entry);
    if (!found) throw new NeurorackError('NR_WEB_NOT_FOUND', `bank ${bankId} has no entry ${JSON.stringify(entry)}`);
    return { bankId, entry, descriptors: bank.descriptors, frameRate: BANK_SAMPLE_RATE / BANK_HOP_LENGTH, frames: found.frames };
  }

  /**
   * Adds (or with `overwrite` replaces) an entry in the user bank `bankId`, creating the bank when
   * it does not exist. A shipped bank is never written (NR_WEB_BANK_READ_ONLY).
   */
  async save(request: SaveEntryRequest): Promise<SavedEntry> {
    assertBankId(request.bankId, 'save entry');
    assertSafeEntryName(request.entry, 'save entry');
    const existing = await this.find(request.bankId);
    if (existing && existing.origin === 'shipped') {
      throw new NeurorackError('NR_WEB_BANK_READ_ONLY', `bank ${request.bankId} is a shipped bank; save the entry into a user bank (another id)`, { file: existing.path });
    }
    const dir = join(this.folders.user, request.bankId);
    const before: DescriptorBank | undefined = existing ? (await this.cache.read(existing.path)).bank : undefined;
    const entries = [...(before?.entries ?? [])];
    const at = entries.findIndex((e) => e.name === request.entry);
    if (at >= 0 && !request.overwrite) {
      throw new NeurorackError('NR_WEB_ENTRY_EXISTS', `bank ${request.bankId} already has an entry ${JSON.stringify(request.entry)}; choose another name or overwrite it`, { file: existing?.path });
    }
    const entry: BankEntry = {
      name: request.entry,
      tags: request.tags ?? [DESIGNED_TAG],
      source: { file: `${request.entry}.curve`, sha256: sha256Hex(Buffer.from(JSON.stringify(request.frames))) },
      frames: request.frames,
    };
    if (at >= 0) entries[at] = entry;
    else entries.push(entry);
    const meta = before
      ? { id: before.id, name: before.name, author: before.author, licence: before.licence, version: inc(before.version, 'patch') ?? before.version, description: before.description }
      : { id: request.bankId, name: request.bankId, description: 'Curves drawn in the Neurorack curve designer.' };
    const file = join(dir, 'bank.json');
    const bank = buildBank(meta, entries, file);
    await writeBankFolder(dir, bank, { force: true });
    return { bankId: bank.id, entry: request.entry, file };
  }

  /** Verifies a packed bank completely, then installs it into the user folder (atomically). */
  async import(bytes: Uint8Array, force: boolean): Promise<{ bankId: string; entries: number }> {
    const bank = await this.thread.prepare(bytes, 'uploaded .nrbank');
    await assertNotShippedId(bank, this.folders.shipped, 'uploaded .nrbank');
    const dir = join(this.folders.user, bank.id);
    const existing = await this.find(bank.id);
    if (existing?.origin === 'user' && !force) {
      throw new NeurorackError('NR_BANK_EXISTS', `a user bank with id ${bank.id} is already installed; tick "replace" to overwrite it`, { file: existing.path });
    }
    await writeBankFolder(dir, bank, { force });
    return { bankId: bank.id, entries: bank.entries };
  }

  async export(bankId: string): Promise<Uint8Array> {
    assertBankId(bankId, 'export bank');
    return packBank((await this.load(bankId)).bank);
  }

  private async load(bankId: string): Promise<{ bank: DescriptorBank }> {
    const found = await this.find(bankId);
    if (!found) throw new NeurorackError('NR_BANK_NOT_FOUND', `no shipped or user bank has id ${bankId}`);
    return this.cache.read(found.path);
  }

  private async find(bankId: string): Promise<BankSummary | undefined> {
    const all = await this.summaries();
    return all.find((s) => s.origin === 'user' && s.id === bankId) ?? all.find((s) => s.id === bankId);
  }

  private summaries(): Promise<BankSummary[]> {
    return listBanks([
      { origin: 'shipped', dir: this.folders.shipped },
      { origin: 'user', dir: this.folders.user },
    ], (path) => this.cache.outline(path));
  }
}
