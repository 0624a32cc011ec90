import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { BANK_LIMITS } from '../../../core/banks/bank-limits';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { BankCache, type BankReader } from '../../../core/banks/bank-cache';
import { BankThread } from '../../../core/banks/bank-thread';
import { join } from 'node:path';
import { readBank, writeBankFolder } from '../../../core/banks/bank-store';
import { outlineOf } from '../../../core/banks/bank-outline';
import { WebBanks } from '../../../core/web/web-banks';
import { frame, smallBank, tempDir } from '../banks/bank-fixture';

/** A reader of banks (in this thread) that counts what it reads, whole and as outlines. */
function countingReader(): BankReader & { count: number; whole: number } {
  const reader = {
    count: 0,
    whole: 0,
    read: (path: string) => (reader.count++, reader.whole++, readBank(path)),
    outline: async (path: string) => (reader.count++, outlineOf(await readBank(path))),
  };
  return reader;
}

/** Issue #27 point 5: every GET /api/banks re-read and re-validated every bank twice. */
describe('WebBanks listing', () => {
  it('reads each bank once while it is unchanged, and again once it changes', async () => {
    const root = tempDir('web-banks');
    const folders = { shipped: join(root, 'shipped'), user: join(root, 'user') };
    mkdirSync(folders.shipped);
    await writeBankFolder(join(folders.shipped, 'factory'), smallBank('factory'));
    await writeBankFolder(join(folders.user, 'mine'), smallBank('mine'));
    const reads = countingReader();
    const banks = new WebBanks(folders, new BankThread(), new BankCache({}, reads));
    {
      for (let i = 0; i < 5; i++) assert.deepEqual((await banks.list()).map((b) => b.id), ['factory', 'mine']);
      assert.equal(reads.count, 2, `5 listings of 2 banks read bank.json ${reads.count} times`);
      assert.equal(reads.whole, 0, 'a listing reads outlines: no bank crossed whole to this thread');
      await banks.save({ bankId: 'mine', entry: 'drawn', frames: [frame(0), frame(1)] });
      const before = reads.count;
      const listed = await banks.list();
      assert.deepEqual(listed.find((b) => b.id === 'mine')?.entries, ['hit-a', 'hit-b', 'drawn'], 'the saved entry is listed');
      assert.equal(reads.count - before, 1, 'only the changed bank is read again');
    }
  });

  it('refuses an upload that decompresses past 16 MiB before parsing it, and writes nothing (the attack bench: 52 MB unpacked took +865 MiB)', async () => {
    const root = tempDir('web-banks-big');
    const folders = { shipped: join(root, 'shipped'), user: join(root, 'user') };
    mkdirSync(folders.shipped);
    mkdirSync(folders.user);
    const thread = new BankThread();
    try {
      const banks = new WebBanks(folders, thread);
      const bomb = gzipSync(Buffer.alloc(BANK_LIMITS.maxReceivedBankBytes + 1, 0x20));
      await assert.rejects(banks.import(bomb, false), (err: NeurorackError) => {
        assert.equal(err.code, 'NR_BANK_PACK_INVALID');
        assert.match(err.message, /decompresses to more than 16777216 bytes \(the limit for a bank from elsewhere\)/);
        return true;
      });
      assert.deepEqual(readdirSync(folders.user), []);
    } finally {
      await thread.close();
    }
  });
});
