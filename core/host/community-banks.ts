import { networkInterfaces } from 'node:os';
import type { InstallProgress } from '../banks/bank-install';
import { BANK_LIMITS } from '../banks/bank-limits';
import { BankThread } from '../banks/bank-thread';
import type { RegistryInstalled } from '../banks/bank-thread-protocol';
import type { LoadedRack } from '../config/rack-config';
import { NeurorackError } from '../errors/neurorack-error';
import { displayCurves } from '../ui/curve-display';
import { applyRegistryList, checkRegistryList, isLoopbackUrl } from './registry-list';

/** One bank a registry offers, as its index lists it. */
export interface CommunityBank {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly author: string;
  readonly licence: string;
  readonly description: string;
  readonly entries: number;
  /** Size of its packed file, bytes. */
  readonly size: number;
}

/** A registry bank's first entries, each a few points per descriptor on the screen's 0..1 axes (log for frequencies). */
export interface CommunityPreview {
  readonly id: string;
  readonly name: string;
  readonly entries: ReadonlyArray<{ readonly name: string; readonly curves: number[][] }>;
}

/** The install in progress, or the last one: what the screen and the panel show. */
export interface CommunityProgress {
  readonly registry: string;
  readonly bankId: string;
  readonly phase: InstallProgress['phase'] | 'done' | 'failed';
  /** 0..1 of the whole install. */
  readonly fraction: number;
  /** The error's code and message when it failed. */
  readonly error?: string;
}

/** Entries and points of a preview. */
const PREVIEW_ENTRIES = 4;
const PREVIEW_POINTS = 48;

export interface CommunityBanksOptions {
  readonly rack: LoadedRack;
  /** The user's bank folder (installs go there). */
  readonly userDir: () => string;
  readonly shippedDir?: string;
  /** Something the screen shows changed (progress, registries). */
  readonly onChange: () => void;
  /** A bank was installed: list the banks again. */
  readonly onInstalled: (installed: RegistryInstalled) => Promise<void>;
  /** Where downloads and checks run (default: a bank thread of its own). */
  readonly thread?: BankThread;
}

/**
 * Community banks where performers are: the registries the rack names (settable from the panel,
 * saved in a user's rack file), their banks listed, previewed and installed. Every download,
 * check and write runs on a bank thread, and an install is `bank install ID --registry`'s own
 * code (installBank), so the panel and the menu verify a bank exactly as the CLI does. One install
 * at a time; its progress is kept for the screen.
 */
export class CommunityBanks {
  private readonly thread: BankThread;
  private installing = false;
  private last: CommunityProgress | null = null;

  constructor(private readonly o: CommunityBanksOptions) {
    this.thread = o.thread ?? new BankThread();
  }

  registries(): readonly string[] {
    return this.o.rack.config.banks.registries;
  }

  /** The install in progress or the last one finished (null before any). */
  get progress(): CommunityProgress | null {
    return this.last;
  }

  /** Whether a registry could be reached: one of them is on this machine, or it has a network interface up besides loopback. */
  networkAvailable(): boolean {
    if (this.registries().some((r) => isLoopbackUrl(r))) return true;
    return Object.values(networkInterfaces()).some((list) => (list ?? []).some((a) => !a.internal));
  }

  /**
   * Replaces the registry list: applied at once, and written to the rack file when it is the
   * user's (a built-in profile keeps it for this session). Resolves whether it was saved.
   */
  async setRegistries(list: unknown): Promise<{ registries: readonly string[]; saved: boolean }> {
    const registries = checkRegistryList(list, 'NR_BANK_REGISTRY_INVALID');
    const saving = applyRegistryList(this.o.rack, 'banks', registries);
    this.o.onChange();
    return { registries, saved: await saving };
  }

  async list(registry: string): Promise<{ registry: string; banks: CommunityBank[] }> {
    this.known(registry);
    const { banks } = await this.thread.registryIndex(registry);
    return {
      registry,
      banks: banks.map((b) => ({ id: b.id, name: b.name, version: b.version, author: b.author, licence: b.licence, description: b.description, entries: b.entries, size: b.size })),
    };
  }

  async preview(registry: string, bankId: string): Promise<CommunityPreview> {
    this.known(registry);
    const p = await this.thread.registryPreview(registry, bankId, { maxBytes: BANK_LIMITS.maxDownloadBytes, entries: PREVIEW_ENTRIES, points: PREVIEW_POINTS });
    return { id: p.id, name: p.name, entries: p.entries.map((e) => ({ name: e.name, curves: displayCurves(e.frames) })) };
  }

  /** Installs a registry's bank into the user's folder; rejects as `bank install` would (hash, size, shipped id, existing bank unless `force`). */
  async install(registry: string, bankId: string, force = false): Promise<RegistryInstalled> {
    this.known(registry);
    if (this.installing) throw new NeurorackError('NR_BANK_INSTALL_BUSY', `cannot install ${bankId} now: ${this.last?.bankId ?? 'another bank'} is being installed`);
    this.installing = true;
    const show = (p: CommunityProgress): void => {
      this.last = p;
      this.o.onChange();
    };
    show({ registry, bankId, phase: 'index', fraction: 0 });
    try {
      const installed = await this.thread.registryInstall(registry, bankId, { dir: this.o.userDir(), shippedDir: this.o.shippedDir, maxBytes: BANK_LIMITS.maxDownloadBytes, force }, (p) =>
        show({ registry, bankId, phase: p.phase, fraction: fractionOf(p) }),
      );
      await this.o.onInstalled(installed);
      show({ registry, bankId, phase: 'done', fraction: 1 });
      return installed;
    } catch (err) {
      const e = err as NeurorackError;
      show({ registry, bankId, phase: 'failed', fraction: this.last?.fraction ?? 0, error: e.code ? `${e.code}: ${e.message}` : String(e.message ?? err) });
      throw err;
    } finally {
      this.installing = false;
    }
  }

  async close(): Promise<void> {
    await this.thread.close();
  }

  private known(registry: string): void {
    if (!this.registries().includes(registry)) {
      throw new NeurorackError('NR_BANK_REGISTRY_UNKNOWN', `${JSON.stringify(registry)} is not one of the rack's registries (${this.registries().join(', ') || 'none'}); add it to banks.registries first`);
    }
  }
}

/** The share of an install done at each step: the download is most of it. */
function fractionOf(p: InstallProgress): number {
  switch (p.phase) {
    case 'index': return 0.05;
    case 'download': return 0.1 + 0.75 * Math.min(1, p.total > 0 ? p.received / p.total : 0);
    case 'verify': return 0.88;
    case 'write': return 0.95;
  }
}
