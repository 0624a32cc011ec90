import { parentPort } from 'node:worker_threads';
import { NeurorackError } from '../errors/neurorack-error';
import { formatBankJson } from './bank-json';
import { unpackBank } from './bank-pack';
import { readBank } from './bank-store';
import type { BankAnswer, BankJob } from './bank-thread-protocol';

/** The bank thread: parses, unpacks and validates banks so the host's main thread does not. */
parentPort!.on('message', (job: BankJob) => {
  void run(job).then((answer) => parentPort!.postMessage(answer, 'prepared' in answer ? [answer.prepared.json.buffer as ArrayBuffer] : []));
});

async function run(job: BankJob): Promise<BankAnswer> {
  try {
    if (job.op === 'prepare') {
      const bank = unpackBank(job.bytes, job.file);
      const json = Buffer.from(formatBankJson(bank), 'utf8');
      const own = new Uint8Array(json.length);
      own.set(json);
      return { id: job.id, prepared: { id: bank.id, contentHash: bank.contentHash, entries: bank.entries.length, json: own } };
    }
    if (job.op === 'unpack') return { id: job.id, bank: unpackBank(job.bytes, job.file), file: job.file };
    const { bank, file } = await readBank(job.path);
    return { id: job.id, bank, file };
  } catch (err) {
    if (err instanceof NeurorackError) return { id: job.id, error: { code: err.code, message: err.message, location: err.location } };
    return { id: job.id, error: { message: (err as Error)?.message ?? String(err) } };
  }
}
