import { strict as assert } from 'node:assert';
import { mkdirSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { writeBankFolder } from '../../../core/banks/bank-store';
import { WebBanks } from '../../../core/web/web-banks';
import { frame, smallBank, tempDir } from '../banks/bank-fixture';

/** Counts the opens of bank.json files (every bank read opens it once). */
function countBankReads(): { readonly count: number; restore(): void } {
  const open = fsp.open;
  const counter = { count: 0, restore: () => (fsp.open = open) };
  fsp.open = ((path: Parameters<typeof open>[0], ...rest: unknown[]) => {
    if (String(path).endsWith('bank.json')) counter.count++;
    return (open as (...a: unknown[]) => ReturnType<typeof open>)(path, ...rest);
  }) as typeof fsp.open;
  return counter;
}

/** Issue #27 point 5: every GET /api/banks re-read and re-validated every bank twice. */
describe('WebBanks listing', () => {
  it('reads each bank once while it is unchanged, and again once it changes', async () => {
    const root = tempDir('web-banks');
    const folders = { shipped: join(root, 'shipped'), user: join(root, 'user') };
    mkdirSync(folders.shipped);
    await writeBankFolder(join(folders.shipped, 'factory'), smallBank('factory'));
    await writeBankFolder(join(folders.user, 'mine'), smallBank('mine'));
    const banks = new WebBanks(folders);
    const reads = countBankReads();
    try {
      for (let i = 0; i < 5; i++) assert.deepEqual((await banks.list()).map((b) => b.id), ['factory', 'mine']);
      assert.equal(reads.count, 2, `5 listings of 2 banks read bank.json ${reads.count} times`);
      await banks.save({ bankId: 'mine', entry: 'drawn', frames: [frame(0), frame(1)] });
      const before = reads.count;
      const listed = await banks.list();
      assert.deepEqual(listed.find((b) => b.id === 'mine')?.entries, ['hit-a', 'hit-b', 'drawn'], 'the saved entry is listed');
      assert.equal(reads.count - before, 1, 'only the changed bank is read again');
    } finally {
      reads.restore();
    }
  });
});
