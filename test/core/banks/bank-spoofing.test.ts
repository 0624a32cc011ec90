import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { bankContentHash } from '../../../core/banks/bank-hash';
import { installBank } from '../../../core/banks/bank-install';
import { listBanks } from '../../../core/banks/bank-list';
import { packBank, unpackBank } from '../../../core/banks/bank-pack';
import { openRegistry } from '../../../core/banks/bank-registry';
import { writeBankFolder } from '../../../core/banks/bank-store';
import { firstDuplicateKey } from '../../../core/banks/duplicate-keys';
import { entryNameFromFile } from '../../../core/banks/entry-name';
import { validateBank } from '../../../core/banks/validate-bank';
import { asReceived, errorWith, listTree, smallBank, tempDir } from './bank-fixture';

/** A received bank with one field changed and its hash made right again (the attacker can hash). */
function rehashed(change: (doc: any) => void): any {
  const doc = asReceived(smallBank('spoof-bank'));
  change(doc);
  delete doc.contentHash;
  doc.contentHash = bankContentHash(doc);
  return doc;
}

describe('banks that pass for others (issue #27)', function () {
  describe('names that do not read as what they are', function () {
    const bad: Array<[string, string]> = [
      ['a blank name', ' '],
      ['a reserved device name', 'CON'],
      ['a reserved device name with an extension', 'nul.txt'],
      ['a right-to-left override', 'Wood \u202eskniks'],
      ['a zero-width space', 'wood\u200b-and-skins'],
      ['a zero-width joiner', 'wood\u200dskins'],
      ['a byte-order mark', '\ufeffWood'],
      ['a C1 control character', 'Wood\u0085'],
      ['leading white space', ' Wood and skins'],
    ];
    for (const [what, name] of bad) {
      it(`refuses ${what} as a bank name (NR_BANK_NAME_UNSAFE at /name)`, () => {
        assert.throws(() => validateBank(rehashed((d) => (d.name = name)), 'x'), errorWith('NR_BANK_NAME_UNSAFE', '/name'));
      });
      it(`refuses ${what} as an entry name (NR_BANK_ENTRY_NAME_UNSAFE)`, () => {
        assert.throws(() => validateBank(rehashed((d) => (d.entries[0].name = name)), 'x'), errorWith('NR_BANK_ENTRY_NAME_UNSAFE', '/entries/0/name'));
      });
    }
    it('refuses a reserved device name as a bank id and an invisible author', () => {
      assert.throws(() => validateBank(rehashed((d) => (d.id = 'con')), 'x'), errorWith('NR_BANK_NAME_UNSAFE', '/id'));
      assert.throws(() => validateBank(rehashed((d) => (d.author = 'a\u2066b')), 'x'), errorWith('NR_BANK_NAME_UNSAFE', '/author'));
    });
    it('still accepts plain names in any script', () => {
      validateBank(rehashed((d) => (d.name = 'Glas-Klirren ü 木 — 2')), 'x');
    });
    it('makes a safe entry name from a file name holding such characters', () => {
      assert.equal(entryNameFromFile('/x/CON.wav'), 'CON-sound');
      assert.equal(entryNameFromFile('/x/ \u200b .wav'), 'sound');
      assert.equal(entryNameFromFile('/x/hit\u202e-01.wav'), 'hit-01');
    });
  });

  describe('a user bank with a shipped bank\'s id', function () {
    it('is refused by install (NR_BANK_ID_RESERVED) and nothing is written', async () => {
      const shipped = tempDir('shipped');
      const user = tempDir('user');
      await writeBankFolder(path.join(shipped, 'spoof-bank'), smallBank('spoof-bank'));
      const lookalike = path.join(tempDir('src'), 'look.nrbank');
      fs.writeFileSync(lookalike, packBank(smallBank('spoof-bank', '9.9.9')));
      await assert.rejects(installBank(lookalike, { dir: user, shippedDir: shipped }), errorWith('NR_BANK_ID_RESERVED', '/id'));
      assert.deepEqual(listTree(user), []);
    });

    it('placed by hand, it is listed with its problem and no id, so choosing the id gets the shipped bank', async () => {
      const shipped = tempDir('shipped');
      const user = tempDir('user');
      await writeBankFolder(path.join(shipped, 'spoof-bank'), smallBank('spoof-bank'));
      await writeBankFolder(path.join(user, 'spoof-bank'), smallBank('spoof-bank', '6.6.6'));
      const list = await listBanks([{ origin: 'shipped', dir: shipped }, { origin: 'user', dir: user }]);
      assert.deepEqual(list.filter((b) => b.id === 'spoof-bank').map((b) => [b.origin, b.version]), [['shipped', '1.0.0']]);
      const refused = list.find((b) => b.origin === 'user')!;
      assert.equal(refused.id, undefined);
      assert.match(refused.problem!, /NR_BANK_ID_RESERVED/);
    });
  });

  describe('.nrbank envelopes', function () {
    const envelope = (): Record<string, unknown> => JSON.parse(gunzipSync(packBank(smallBank('spoof-bank'))).toString());
    it('refuses an extra key in the envelope', () => {
      const doc = { ...envelope(), note: 'run me' };
      assert.throws(() => unpackBank(gzipSync(JSON.stringify(doc)), 'x.nrbank'), errorWith('NR_BANK_PACK_INVALID', '/note'));
    });
    it('refuses a duplicate key, in the envelope or in the bank', () => {
      const text = JSON.stringify(envelope());
      const twice = text.replace('"format":', '"sha256":"sha256:' + '0'.repeat(64) + '","format":');
      assert.throws(() => unpackBank(gzipSync(twice), 'x.nrbank'), errorWith('NR_BANK_PACK_INVALID', '/sha256'));
      const inBank = text.replace('"name":"Test bank"', '"name":"Wood and skins","name":"Test bank"');
      assert.throws(() => unpackBank(gzipSync(inBank), 'x.nrbank'), errorWith('NR_BANK_PACK_INVALID', '/bank/name'));
    });
    it('finds duplicates through escapes, nesting and arrays, with their pointer', () => {
      assert.deepEqual(firstDuplicateKey('{"a":[{"b":1},{"b":2,"\\u0062":3}]}'), { key: 'b', pointer: '/a/1/b' });
      assert.equal(firstDuplicateKey('{"a":{"b":1},"b":{"a":"}{,\\"a\\""}}'), undefined);
    });
  });

  describe('a registry that redirects', function () {
    let server: http.Server;
    let other: http.Server;
    let url: string;
    let otherUrl: string;
    let otherHits = 0;
    before(async () => {
      other = http.createServer((_req, res) => {
        otherHits++;
        res.writeHead(200).end('{}');
      });
      await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
      otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
      server = http.createServer((req, res) => {
        if (req.url === '/index.json') res.writeHead(302, { location: `${otherUrl}/index.json` }).end();
        else if (req.url === '/here.json') res.writeHead(302, { location: '/index.json' }).end();
        else res.writeHead(404).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => {
      server.closeAllConnections();
      server.close();
      other.closeAllConnections();
      other.close();
    });

    it('does not follow a redirect from the registry to another host', async () => {
      await assert.rejects(openRegistry(`${url}/index.json`), (err: any) => err.code === 'NR_BANK_DOWNLOAD_FAILED' && /another host/.test(err.message));
      assert.equal(otherHits, 0);
    });
    it('follows a redirect within the registry\'s own host (to the same refusal here)', async () => {
      await assert.rejects(openRegistry(`${url}/here.json`), (err: any) => err.code === 'NR_BANK_DOWNLOAD_FAILED' && /another host/.test(err.message));
      assert.equal(otherHits, 0);
    });
  });
});
