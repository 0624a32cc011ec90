import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { NeurorackError } from '../errors/neurorack-error';
import type { LoadedBank } from './bank-store';
import type { BankAnswer, BankJob, PreparedBank } from './bank-thread-protocol';
import type { DescriptorBank } from './descriptor-bank';

type Job = { op: 'read'; path: string } | { op: 'unpack' | 'prepare'; bytes: Uint8Array; file: string };

/**
 * Reads and unpacks banks on a thread of their own: parsing, validating and hashing a bank the
 * size of the limit (a 373 KB .nrbank unpacks to 52 MB) took the main thread, which answers gates
 * and CVs, 2.5 s. The thread starts on the first job and never keeps the process alive; jobs run
 * one at a time, in order. Errors come back as the NeurorackErrors readBank and unpackBank throw.
 */
export class BankThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(a: BankAnswer): void; reject(e: Error): void }>();

  /** The bank at `path` (folder, bank.json or .nrbank), as readBank gives it. */
  async read(path: string): Promise<LoadedBank> {
    const a = await this.run({ op: 'read', path });
    if (!('bank' in a)) throw new NeurorackError('NR_INTERNAL', 'the bank thread answered a read without a bank');
    return { bank: a.bank, file: a.file };
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

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private run(job: Job): Promise<Exclude<BankAnswer, { error: unknown }>> {
    const id = this.nextId++;
    const worker = this.start();
    return new Promise<BankAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ ...job, id } as BankJob);
    }).then((a) => {
      if ('error' in a) {
        const e = a.error;
        throw e.code ? new NeurorackError(e.code, e.message, e.location ?? {}) : new Error(e.message);
      }
      return a as Exclude<BankAnswer, { error: unknown }>;
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(join(__dirname, 'bank-thread-worker.js'));
    worker.unref();
    worker.on('message', (a: BankAnswer) => {
      const p = this.pending.get(a.id);
      this.pending.delete(a.id);
      if (this.pending.size === 0) worker.unref();
      p?.resolve(a);
    });
    const fail = (err: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(new NeurorackError('NR_INTERNAL', `the bank thread stopped (${err.message})`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit ${code}`)));
    this.worker = worker;
    return worker;
  }
}
