import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BankCache } from '../../../core/banks/bank-cache';
import { writeBankFolder } from '../../../core/banks/bank-store';
import { buildBank } from '../../../core/banks/bank-build';
import { entry, smallBank, tempDir } from './bank-fixture';

describe('BankCache', () => {
  it('reads a bank once while its file is unchanged, and again once it changes', async () => {
    const dir = path.join(tempDir('bank-cache'), 'b');
    await writeBankFolder(dir, smallBank('cached', '1.0.0'));
    const cache = new BankCache();
    const first = await cache.read(dir);
    assert.equal(first.bank.version, '1.0.0');
    assert.equal(await cache.read(dir), first, 'the same object while the file is unchanged');
    const next = buildBank({ id: 'cached', name: 'Test bank', author: 'Tester', licence: 'CC0-1.0', version: '1.1.0' }, [entry('hit-a'), entry('hit-c', 9)], 'test');
    await writeBankFolder(dir, next, { force: true });
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, 'bank.json'), later, later);
    const reread = await cache.read(dir);
    assert.equal(reread.bank.version, '1.1.0');
    assert.deepEqual(reread.bank.entries.map((e) => e.name), ['hit-a', 'hit-c']);
  });

  it('does not cache failures, and keeps at most its limit', async () => {
    const root = tempDir('bank-cache-limit');
    const cache = new BankCache({ banks: 2 });
    await assert.rejects(cache.read(path.join(root, 'missing')), (e: { code?: string }) => e.code === 'NR_BANK_NOT_FOUND');
    const dirs = ['x', 'y', 'z'].map((n) => path.join(root, n));
    for (const [i, d] of dirs.entries()) await writeBankFolder(d, smallBank(`bank-${i}`));
    const firstX = await cache.read(dirs[0]!);
    await cache.read(dirs[1]!);
    await cache.read(dirs[2]!);
    assert.notEqual(await cache.read(dirs[0]!), firstX, 'the least recently used was let go and read again');
  });

  it('keeps whole banks within its byte budget (a bank larger than it is read each time), outlines apart', async () => {
    const root = tempDir('bank-cache-bytes');
    const small = path.join(root, 'small');
    const large = path.join(root, 'large');
    await writeBankFolder(small, smallBank('small-bank'));
    await writeBankFolder(large, buildBank({ id: 'large-bank', name: 'Large', author: 'Tester', licence: 'CC0-1.0', version: '1.0.0' }, Array.from({ length: 40 }, (_, i) => entry(`hit-${i}`, 20)), 'test'));
    const budget = fs.statSync(path.join(large, 'bank.json')).size - 1;
    const cache = new BankCache({ bankBytes: budget });
    const s1 = await cache.read(small);
    const l1 = await cache.read(large);
    assert.equal(await cache.read(small), s1, 'the small bank is kept');
    assert.notEqual(await cache.read(large), l1, 'the large bank, over the budget alone, is read again');
    assert.ok(cache.bankBytes <= budget, `${cache.bankBytes} bytes kept, budget ${budget}`);
    const outline = await cache.outline(large);
    assert.deepEqual([outline.id, outline.entries.length, outline.entries[39]], ['large-bank', 40, 'hit-39']);
    assert.equal(await cache.outline(large), outline, 'the outline is kept');
  });
});
