import { parentPort } from 'node:worker_threads';
import { NeurorackError } from '../errors/neurorack-error';
import { formatBankJson } from './bank-json';
import { BANK_LIMITS } from './bank-limits';
import { unpackBank } from './bank-pack';
import { readBank } from './bank-store';
import { outlineOf } from './bank-outline';
import type { BankAnswer, BankJob, BankJobProgress } from './bank-thread-protocol';

/**
 * The registry's code (its index, downloads, installs: semver, fetch and more), loaded at the
 * first registry job: the thread starts while the host boots, and what it reads then (the bank
 * list, the entries to play) needs none of it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const registryCode = (): typeof import('./bank-install') & typeof import('./bank-registry') => ({ ...require('./bank-install'), ...require('./bank-registry') });

/** The bank thread: parses, unpacks and validates banks so the host's main thread does not. */
parentPort!.on('message', (job: BankJob) => {
  void run(job).then((answer) => parentPort!.postMessage(answer, 'prepared' in answer ? [answer.prepared.json.buffer as ArrayBuffer] : []));
});

async function run(job: BankJob): Promise<BankAnswer> {
  try {
    if (job.op === 'prepare') {
      const bank = unpackBank(job.bytes, job.file, BANK_LIMITS.maxReceivedBankBytes);
      const json = Buffer.from(formatBankJson(bank), 'utf8');
      const own = new Uint8Array(json.length);
      own.set(json);
      return { id: job.id, prepared: { id: bank.id, contentHash: bank.contentHash, entries: bank.entries.length, json: own } };
    }
    if (job.op === 'registryIndex') {
      const registry = await registryCode().openRegistry(job.registry);
      return { id: job.id, index: registry.index.banks, location: registry.location };
    }
    if (job.op === 'registryPreview') {
      const { bank } = await registryCode().fetchFromRegistry(job.registry, job.bankId, {}, job.maxBytes);
      const entries = bank.entries.slice(0, job.entries).map((e) => ({ name: e.name, frames: thin(e.frames, job.points) }));
      return { id: job.id, preview: { id: bank.id, name: bank.name, contentHash: bank.contentHash, entries } };
    }
    if (job.op === 'registryInstall') {
      const onProgress = (progress: BankJobProgress['progress']): void => parentPort!.postMessage({ id: job.id, progress } satisfies BankJobProgress);
      const done = await registryCode().installBank(job.bankId, { registry: job.registry, dir: job.dir, shippedDir: job.shippedDir, maxBytes: job.maxBytes, force: job.force, onProgress });
      return { id: job.id, installed: { id: done.bank.id, contentHash: done.bank.contentHash, entries: done.bank.entries.length, file: done.file } };
    }
    if (job.op === 'outline') return { id: job.id, outline: outlineOf(await readBank(job.path)) };
    if (job.op === 'unpack') return { id: job.id, bank: unpackBank(job.bytes, job.file), file: job.file };
    const { bank, file } = await readBank(job.path);
    return { id: job.id, bank, file };
  } catch (err) {
    if (err instanceof NeurorackError) return { id: job.id, error: { code: err.code, message: err.message, location: err.location } };
    return { id: job.id, error: { message: (err as Error)?.message ?? String(err) } };
  }
}

/** At most `points` frames of a curve, evenly picked (the first and the last kept). */
function thin(frames: readonly (readonly number[])[], points: number): number[][] {
  if (frames.length <= points) return frames.map((f) => [...f]);
  return Array.from({ length: points }, (_, i) => [...frames[Math.round((i * (frames.length - 1)) / (points - 1))]!]);
}
