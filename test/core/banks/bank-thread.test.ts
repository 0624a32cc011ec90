import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { bankContentHash } from '../../../core/banks/bank-hash';
import { packBank, unpackBank } from '../../../core/banks/bank-pack';
import { BankThread } from '../../../core/banks/bank-thread';
import { WebBanks } from '../../../core/web/web-banks';
import { entry, errorWith, frame, smallBank, tempDir } from './bank-fixture';

/**
 * The attack, scaled: a small .nrbank that unpacks to many MB of curves (1100 entries give
 * 276 KB unpacking to 48 MB; on the loaded 2-core machine that blocked the event loop 35 s on the
 * main thread and 0.5 s through the bank thread; 200 keep the test short).
 */
export function bombPack(entries = 1100): Buffer {
  const bank: any = { ...smallBank('big-bank') };
  bank.entries = Array.from({ length: entries }, (_, i) => ({ ...entry(`hit-${i}`, 1), frames: Array.from({ length: 1000 }, (_, f) => frame(f % 6)) }));
  delete bank.contentHash;
  bank.contentHash = bankContentHash(bank);
  return packBank(bank);
}

/** The longest the event loop was blocked while `work` ran, in ms (sampled every 10 ms). */
async function worstBlockMs(work: () => Promise<unknown>): Promise<number> {
  collectGarbage(); // the test's own garbage (building the pack) is not the host's to pay
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  await work();
  await new Promise((r) => setTimeout(r, 50)); // lets the sampler see a block that ended the work
  h.disable();
  return h.max / 1e6;
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('BankThread: banks parsed off the main thread (issue #27)', function () {
  this.timeout(120_000);
  let pack: Buffer;
  before(() => {
    pack = bombPack(200);
  });

  it('a panel upload of a .nrbank that unpacks to tens of MB blocks the event loop a fraction of what unpacking it on the main thread did', async () => {
    const unpacked = gunzipSync(pack).length;
    assert.ok(unpacked > 8e6, `unpacks to ${(unpacked / 1e6).toFixed(1)} MB`);
    const before = await worstBlockMs(async () => {
      await new Promise((r) => setTimeout(r, 20));
      unpackBank(pack, 'main thread');
    });
    const folders = { shipped: tempDir('thread-shipped'), user: tempDir('thread-user') };
    const banks = new WebBanks(folders);
    let result: { bankId: string; entries: number } | undefined;
    const worst = await worstBlockMs(async () => {
      result = await banks.import(pack, false);
    });
    assert.deepEqual(result, { bankId: 'big-bank', entries: 200 });
    process.stdout.write(`      (${(pack.length / 1e3).toFixed(0)} KB packed, ${(unpacked / 1e6).toFixed(1)} MB unpacked: the event loop was blocked at most ${before.toFixed(0)} ms unpacking on the main thread, ${worst.toFixed(0)} ms importing through the bank thread)\n`);
    assert.ok(worst < before / 3, `blocked ${worst.toFixed(0)} ms through the thread, ${before.toFixed(0)} ms on the main thread`);
  });

  it('refuses what readBank and unpackBank refuse, with their errors', async () => {
    const thread = new BankThread();
    await assert.rejects(thread.unpack(Buffer.from('not gzip at all, not at all'), 'x.nrbank'), errorWith('NR_BANK_PACK_INVALID'));
    await assert.rejects(thread.read(path.join(tempDir('thread-missing'), 'nope')), errorWith('NR_BANK_NOT_FOUND'));
    await thread.close();
  });
});
