import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { installBank } from '../../../core/banks/bank-install';
import { packBank } from '../../../core/banks/bank-pack';
import { readBank } from '../../../core/banks/bank-store';
import { errorWith, listTree, smallBank, tempDir } from './bank-fixture';

describe('bank install from files', function () {
  let src: string;
  let dir: string;
  beforeEach(function () {
    src = tempDir('bank-src');
    dir = path.join(tempDir('bank-user'), 'banks');
  });

  it('round-trips pack -> install with an equal content hash', async function () {
    const bank = smallBank();
    const pack = path.join(src, 'b.nrbank');
    fs.writeFileSync(pack, packBank(bank));
    const result = await installBank(pack, { dir });
    assert.equal(result.file, path.join(dir, 'test-bank', 'bank.json'));
    assert.deepEqual(listTree(dir), ['test-bank', 'test-bank/bank.json']);
    assert.equal((await readBank(result.file)).bank.contentHash, bank.contentHash);
  });

  it('refuses to overwrite an installed bank without force, and replaces it with force', async function () {
    fs.writeFileSync(path.join(src, 'v1.nrbank'), packBank(smallBank('test-bank', '1.0.0')));
    fs.writeFileSync(path.join(src, 'v2.nrbank'), packBank(smallBank('test-bank', '2.0.0')));
    await installBank(path.join(src, 'v1.nrbank'), { dir });
    const file = path.join(dir, 'test-bank', 'bank.json');
    const before = fs.readFileSync(file);
    await assert.rejects(installBank(path.join(src, 'v2.nrbank'), { dir }), errorWith('NR_BANK_EXISTS'));
    assert.ok(fs.readFileSync(file).equals(before), 'the installed bank must be untouched');
    assert.deepEqual(listTree(dir), ['test-bank', 'test-bank/bank.json']);
    await installBank(path.join(src, 'v2.nrbank'), { dir, force: true });
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).version, '2.0.0');
    assert.deepEqual(listTree(dir), ['test-bank', 'test-bank/bank.json']);
  });

  const bad: Array<[string, (env: any) => void, string]> = [
    ['a hash mismatch', (e) => (e.bank.entries[0].frames[0][2] = 2950), 'NR_BANK_HASH_MISMATCH'],
    ['an entry name escaping the folder', (e) => (e.bank.entries[0].name = '../../escaped'), 'NR_BANK_ENTRY_NAME_UNSAFE'],
    ['NaN values', (e) => (e.bank.entries[0].frames[0][0] = 'NaN'), 'NR_BANK_INVALID'],
    ['frames of the wrong width', (e) => e.bank.entries[1].frames[0].splice(3, 1), 'NR_BANK_INVALID'],
  ];
  for (const [what, edit, code] of bad) {
    it(`writes nothing for a pack with ${what}`, async function () {
      const envelope = JSON.parse(gunzipSync(packBank(smallBank())).toString('utf8'));
      edit(envelope);
      const pack = path.join(src, 'bad.nrbank');
      fs.writeFileSync(pack, gzipSync(Buffer.from(JSON.stringify(envelope))));
      await assert.rejects(installBank(pack, { dir }), errorWith(code));
      assert.deepEqual(listTree(path.dirname(dir)), [], 'nothing may be written');
      assert.ok(!fs.existsSync(path.join(path.dirname(dir), 'escaped')));
    });
  }

  it('writes nothing for a truncated pack or a file that is not a bank', async function () {
    const bytes = packBank(smallBank());
    fs.writeFileSync(path.join(src, 'cut.nrbank'), bytes.subarray(0, bytes.length >> 1));
    fs.writeFileSync(path.join(src, 'noise.nrbank'), Buffer.from('RIFF....WAVEfmt '));
    await assert.rejects(installBank(path.join(src, 'cut.nrbank'), { dir }), errorWith('NR_BANK_PACK_INVALID'));
    await assert.rejects(installBank(path.join(src, 'noise.nrbank'), { dir }), errorWith('NR_BANK_PACK_INVALID'));
    assert.deepEqual(listTree(path.dirname(dir)), []);
  });

  it('installs from a bank folder too', async function () {
    const bank = smallBank('folder-bank');
    fs.mkdirSync(path.join(src, 'folder-bank'));
    fs.writeFileSync(path.join(src, 'folder-bank', 'bank.json'), JSON.stringify(bank));
    const r = await installBank(path.join(src, 'folder-bank'), { dir });
    assert.equal(r.bank.contentHash, bank.contentHash);
  });
});
