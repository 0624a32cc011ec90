import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BANK_LIMITS } from '../../../core/banks/bank-limits';
import { packBank, unpackBank } from '../../../core/banks/bank-pack';
import { asReceived, errorWith, smallBank } from './bank-fixture';

function repack(bytes: Buffer, edit: (envelope: any) => void): Buffer {
  const envelope = JSON.parse(gunzipSync(bytes).toString('utf8'));
  edit(envelope);
  return gzipSync(Buffer.from(JSON.stringify(envelope)));
}

describe('packed banks (.nrbank)', function () {
  it('is gzip of a JSON envelope that carries the content hash', function () {
    const bank = smallBank();
    const envelope = JSON.parse(gunzipSync(packBank(bank)).toString('utf8'));
    assert.equal(envelope.format, 'neurorack-nrbank');
    assert.equal(envelope.formatVersion, 1);
    assert.equal(envelope.sha256, bank.contentHash);
    assert.deepEqual(envelope.bank, asReceived(bank));
  });

  it('unpacks to the same bank, and equal banks pack to equal bytes', function () {
    const bank = smallBank();
    const bytes = packBank(bank);
    assert.deepEqual(unpackBank(bytes, 'x.nrbank'), asReceived(bank));
    assert.ok(bytes.equals(packBank(asReceived(bank))));
  });

  it('refuses a file that is not gzip', function () {
    assert.throws(() => unpackBank(Buffer.from('{"format":"neurorack-nrbank"}                '), 'plain.nrbank'), errorWith('NR_BANK_PACK_INVALID'));
  });

  it('refuses a truncated pack', function () {
    const bytes = packBank(smallBank());
    assert.throws(() => unpackBank(bytes.subarray(0, bytes.length - 40), 'cut.nrbank'), errorWith('NR_BANK_PACK_INVALID'));
  });

  it('refuses a pack that decompresses beyond the limit (gzip bomb) without inflating it all', function () {
    const bomb = gzipSync(Buffer.alloc(BANK_LIMITS.maxBankBytes + 1024, 0x20), { level: 1 });
    assert.ok(bomb.length < 1024 * 1024);
    assert.throws(() => unpackBank(bomb, 'bomb.nrbank'), (err: any) => err.code === 'NR_BANK_PACK_INVALID' && /decompresses to more than/.test(err.message));
  });

  it('refuses a pack whose hash does not match its content', function () {
    const bytes = repack(packBank(smallBank()), (e) => (e.sha256 = 'sha256:' + '0'.repeat(64)));
    assert.throws(() => unpackBank(bytes, 'hash.nrbank'), errorWith('NR_BANK_HASH_MISMATCH', '/sha256'));
  });

  it('refuses a pack whose bank was edited after packing', function () {
    const bytes = repack(packBank(smallBank()), (e) => (e.bank.entries[0].frames[1][2] = 2950));
    assert.throws(() => unpackBank(bytes, 'edited.nrbank'), errorWith('NR_BANK_HASH_MISMATCH', '/bank/contentHash'));
  });

  it('reports problems inside the bank with pointers into the envelope', function () {
    const bytes = repack(packBank(smallBank()), (e) => (e.bank.entries[1].name = '../x'));
    assert.throws(() => unpackBank(bytes, 'escape.nrbank'), errorWith('NR_BANK_ENTRY_NAME_UNSAFE', '/bank/entries/1/name'));
  });

  it('refuses an envelope of another format', function () {
    const bytes = repack(packBank(smallBank()), (e) => (e.format = 'zip'));
    assert.throws(() => unpackBank(bytes, 'other.nrbank'), errorWith('NR_BANK_PACK_INVALID', '/format'));
  });
});
