import { NeurorackError } from '../errors/neurorack-error';
import { JobThread } from '../threads/job-thread';
import { BANK_THREAD_FILE, BANK_THREAD_MEMORY } from './bank-thread-file';
import type { LoadedBank } from './bank-store';
import type { BankOutline } from './bank-outline';
import type { InstallProgress } from './bank-install';
import type { BankIndexEntry } from './bank-index';
import type { BankAnswer, BankJob, BankJobProgress, PreparedBank, RegistryInstalled, RegistryPreview } from './bank-thread-protocol';
import type { DescriptorBank } from './descriptor-bank';

export { BANK_THREAD_MEMORY } from './bank-thread-file';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Job = DistributiveOmit<BankJob, 'id'>;

/**
 * Reads and unpacks banks on a thread of their own: parsing, validating and hashing a bank the
 * size of the limit (a 373 KB .nrbank unpacks to 52 MB) took the main thread, which answers gates
 * and CVs, 2.5 s. The thread starts on the first job and never keeps the process alive; jobs run
 * one at a time, in order. Errors come back as the NeurorackErrors readBank and unpackBank throw.
 */
export class BankThread {
  private readonly thread = new JobThread<Job, BankAnswer | BankJobProgress>(BANK_THREAD_FILE, 'the bank thread', (m) => 'progress' in m, BANK_THREAD_MEMORY);

  /** The bank at `path` (folder, bank.json or .nrbank), as readBank gives it. */
  async read(path: string): Promise<LoadedBank> {
    const a = await this.run({ op: 'read', path });
    if (!('bank' in a)) throw new NeurorackError('NR_INTERNAL', 'the bank thread answered a read without a bank');
    return { bank: a.bank, file: a.file };
  }

  /** The outline of the bank at `path` (its identity and entry names), read and checked as `read` does; the curves stay on the thread. */
  async outline(path: string): Promise<BankOutline> {
    const a = await this.run({ op: 'outline', path });
    if (!('outline' in a)) throw new NeurorackError('NR_INTERNAL', 'the bank thread answered an outline without one');
    return a.outline;
  }

  /** .nrbank bytes unpacked and validated, as unpackBank gives them. */
  async unpack(bytes: Uint8Array, file: string): Promise<DescriptorBank> {
    const a = await this.run({ op: 'unpack', bytes, file });
    if (!('bank' in a)) throw new NeurorackError('NR_INTERNAL', 'the bank thread answered an unpack without a bank');
    return a.bank;
  }

  /**
   * .nrbank bytes unpacked, validated and formatted as bank.json on the thread: what an upload
   * needs to install a bank, without the bank's curves ever crossing to this thread (copying a
   * bank of tens of MB back would block it again).
   */
  async prepare(bytes: Uint8Array, file: string): Promise<PreparedBank> {
    const a = await this.run({ op: 'prepare', bytes, file });
    if (!('prepared' in a)) throw new NeurorackError('NR_INTERNAL', 'the bank thread answered a prepare without a bank');
    return a.prepared;
  }

  /** A registry's checked index: its banks and where it was read from. */
  async registryIndex(registry: string): Promise<{ banks: readonly BankIndexEntry[]; location: string }> {
    const a = await this.run({ op: 'registryIndex', registry });
    if (!('index' in a)) throw new NeurorackError('NR_INTERNAL', 'the bank thread answered a registry read without an index');
    return { banks: a.index, location: a.location };
  }

  /** A registry bank fetched and verified as an install verifies it, nothing written: its first `entries` entries at most `points` frames each. */
  async registryPreview(registry: string, bankId: string, o: { maxBytes: number; entries: number; points: number }): Promise<RegistryPreview> {
    const a = await this.run({ op: 'registryPreview', registry, bankId, ...o });
    if (!('preview' in a)) throw new NeurorackError('NR_INTERNAL', 'the bank thread answered a preview without one');
    return a.preview;
  }

  /** installBank(bankId, { registry, ... }) on the thread, its steps told to `progress`. */
  async registryInstall(registry: string, bankId: string, o: { dir: string; shippedDir?: string; maxBytes: number; force: boolean }, progress?: (p: InstallProgress) => void): Promise<RegistryInstalled> {
    const a = await this.run({ op: 'registryInstall', registry, bankId, ...o }, progress);
    if (!('installed' in a)) throw new NeurorackError('NR_INTERNAL', 'the bank thread answered an install without the bank');
    return a.installed;
  }

  close(): Promise<void> {
    return this.thread.close();
  }

  private async run(job: Job, progress?: (p: InstallProgress) => void): Promise<Exclude<BankAnswer, { error: unknown }>> {
    const a = (await this.thread.run(job, [], progress && ((m) => progress((m as BankJobProgress).progress)))) as BankAnswer;
    if ('error' in a) {
      const e = a.error;
      throw e.code ? new NeurorackError(e.code, e.message, e.location ?? {}) : new Error(e.message);
    }
    return a;
  }
}
