import { basename } from 'node:path';
import { listBanks } from '../banks/bank-list';
import type { BankCache } from '../banks/bank-cache';
import { userBanksDir } from '../banks/banks-dir';
import type { DescriptorFrames } from '../engine/descriptor-frames';
import { NeurorackError } from '../errors/neurorack-error';
import { paths } from '../paths';
import type { HostSettings } from '../state/host-state';
import type { BankSummary, HostView, ToastView } from '../ui/host-view';
import type { EngineControl } from './control/engine-control';

/** Every shipped and user bank, each read (parsed, validated) into `cache`. */
export function readBankList(cache: BankCache): ReturnType<typeof listBanks> {
  return listBanks([{ origin: 'shipped', dir: paths.descriptorBanks }, { origin: 'user', dir: userBanksDir() }], (path) => cache.outline(path));
}

export interface BankSelectionDeps {
  readonly engine: EngineControl;
  /** Banks read so far (the host reads them while the engine starts). */
  readonly cache: BankCache;
  /** Real work (reading files): on a virtual clock, time stands still meanwhile. */
  readonly real: <T>(work: Promise<T>) => Promise<T>;
  /** Something the view shows changed. */
  readonly onChange: () => void;
  /** Saves a change of the performer's choices. */
  readonly save: (change: HostSettings) => Promise<void>;
  readonly toast: (text: string, level: ToastView['level'], code?: string) => void;
}

/** The banks listed, entries A and B (each from its own bank) and an entry previewed in their place. */
export class BankSelection {
  private banks: BankSummary[] = [];
  /** Where each listed bank lives, by id. */
  private bankPaths = new Map<string, string>();
  /** Entries A and B, each with the bank it comes from. */
  private bankState = { entryA: null as string | null, entryB: null as string | null, bankA: null as string | null, bankB: null as string | null };
  /** An entry playing in place of A and B from the Banks page (A and B stay as chosen). */
  private preview: { bank: string; entry: string } | null = null;
  /** Problems already shown, by bank folder: each is told once, not at every listing. */
  private readonly told = new Map<string, string>();

  constructor(private readonly deps: BankSelectionDeps) {}

  /** Reads the bank list once at boot (and after an install); entries A and B are the first bank's first two. */
  async refresh(): Promise<void> {
    const found = await readBankList(this.deps.cache);
    this.tellProblems(found);
    this.banks = [];
    this.bankPaths = new Map();
    for (const b of found.filter((x) => !x.problem && x.id)) {
      const bank = await this.deps.cache.outline(b.path);
      this.banks.push({ id: bank.id, name: bank.name, entries: [...bank.entries] });
      if (!this.bankPaths.has(bank.id)) this.bankPaths.set(bank.id, b.path);
    }
    if (!this.bankState.bankA && this.banks[0]) {
      const first = this.banks[0];
      this.bankState = { bankA: first.id, bankB: first.id, entryA: first.entries[0] ?? null, entryB: first.entries[1] ?? first.entries[0] ?? null };
    }
    this.deps.onChange();
  }

  view(): Pick<HostView, 'bank' | 'banks'> {
    return { bank: { id: this.bankState.bankA, ...this.bankState, preview: this.preview && { ...this.preview } }, banks: this.banks };
  }

  /** Sets one slot to an entry of any bank; the other slot keeps its entry and bank. Ends a preview. */
  async choose(slot: 'A' | 'B', bankId: string, entry: string): Promise<void> {
    if (!this.banks.some((b) => b.id === bankId)) throw new NeurorackError('NR_BANK_NOT_FOUND', `no bank "${bankId}"`);
    await this.entryFrames(bankId, entry);
    this.bankState = slot === 'A' ? { ...this.bankState, bankA: bankId, entryA: entry } : { ...this.bankState, bankB: bankId, entryB: entry };
    this.preview = null;
    this.deps.onChange();
    await this.playChosen();
    await this.deps.save({ ...this.bankState });
  }

  /**
   * Plays an entry once in place of A and B without changing them: it stays loaded until
   * `endPreview` (the performer leaves the entry list) or a new choice of A or B.
   */
  async previewEntry(bankId: string, entry: string): Promise<void> {
    const frames = await this.entryFrames(bankId, entry);
    this.preview = { bank: bankId, entry };
    this.deps.onChange();
    this.deps.engine.setEntries(frames, frames);
    this.deps.engine.trigger();
  }

  /** A and B play again as chosen, if an entry was being previewed. */
  async endPreview(): Promise<void> {
    if (!this.preview) return;
    this.preview = null;
    this.deps.onChange();
    await this.playChosen();
  }

  /**
   * Puts back entries A and B as saved before the restart; a bank or entry gone since is skipped
   * with a warning.
   */
  async restore(settings: HostSettings): Promise<void> {
    const { bankA, entryA, bankB, entryB } = settings;
    if (!bankA || !entryA || !bankB || !entryB) return;
    try {
      await this.entryFrames(bankA, entryA);
      await this.entryFrames(bankB, entryB);
      this.bankState = { bankA, entryA, bankB, entryB };
      await this.playChosen();
    } catch (err) {
      this.deps.toast(`the saved entries ${bankA}/${entryA} and ${bankB}/${entryB} are not available any more: ${(err as Error).message}`, 'warn', (err as NeurorackError).code);
    }
  }

  private async playChosen(): Promise<void> {
    const { bankA, entryA, bankB, entryB } = this.bankState;
    if (!bankA || !entryA || !bankB || !entryB) return;
    const [a, b] = await Promise.all([this.entryFrames(bankA, entryA), this.entryFrames(bankB, entryB)]);
    this.deps.engine.setEntries(a, b);
  }

  private async entryFrames(bankId: string, entry: string): Promise<DescriptorFrames> {
    const { bank } = await this.deps.real(this.bankPath(bankId).then((path) => this.deps.cache.read(path)));
    const found = bank.entries.find((e) => e.name === entry)?.frames;
    if (!found) throw new NeurorackError('NR_BANK_NOT_FOUND', `bank "${bankId}" has no entry "${entry}"`);
    return found;
  }

  /**
   * A bank that cannot be used (a damaged or hostile bank.json, one that takes a shipped bank's id)
   * is left out of the list and shown once, naming its folder and what is wrong, so a performer
   * whose bank vanished from the menu learns why.
   */
  private tellProblems(found: Awaited<ReturnType<typeof readBankList>>): void {
    for (const b of found) {
      if (!b.problem || this.told.get(b.path) === b.problem) continue;
      this.told.set(b.path, b.problem);
      const code = /^(NR_[A-Z0-9_]+)/.exec(b.problem)?.[1];
      this.deps.toast(`Bank ${basename(b.path)} not usable: ${b.problem}`, 'warn', code);
    }
  }

  /** The listed bank's path; a bank installed since the last listing is found by listing again. */
  private async bankPath(id: string): Promise<string> {
    if (!this.bankPaths.has(id)) await this.refresh();
    const path = this.bankPaths.get(id);
    if (!path) throw new NeurorackError('NR_BANK_NOT_FOUND', `no bank "${id}"`);
    return path;
  }
}
