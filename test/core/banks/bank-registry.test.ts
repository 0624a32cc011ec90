import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildBankIndex, searchBankIndex } from '../../../core/banks/bank-index';
import { installBank } from '../../../core/banks/bank-install';
import { packBank } from '../../../core/banks/bank-pack';
import { openRegistry } from '../../../core/banks/bank-registry';
import { readBank } from '../../../core/banks/bank-store';
import { errorWith, listTree, smallBank, tempDir } from './bank-fixture';

/** A static file server on 127.0.0.1 (ephemeral port) with a few misbehaving routes. */
async function serve(root: string): Promise<{ url: string; close(): Promise<void>; sentByEndless(): number }> {
  let endlessSent = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/endless.nrbank') {
      // no Content-Length: the size limit must stop the body as it streams
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x1f);
      const push = (): void => {
        while (endlessSent < 256 * 1024 * 1024) {
          endlessSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', push);
        }
        res.end();
      };
      res.on('close', () => undefined);
      push();
      return;
    }
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    sentByEndless: () => endlessSent,
  };
}

describe('bank registry over HTTP', function () {
  let root: string;
  let user: string;
  let server: Awaited<ReturnType<typeof serve>>;
  const alpha = smallBank('alpha-metal', '1.0.0');
  const alpha2 = smallBank('alpha-metal', '1.2.0');
  const beta = smallBank('beta-wood', '0.3.0');

  before(async function () {
    root = tempDir('registry');
    fs.mkdirSync(path.join(root, 'packs'));
    fs.writeFileSync(path.join(root, 'packs', 'alpha-1.0.0.nrbank'), packBank(alpha));
    fs.writeFileSync(path.join(root, 'packs', 'alpha-1.2.0.nrbank'), packBank(alpha2));
    fs.writeFileSync(path.join(root, 'packs', 'beta.nrbank'), packBank(beta));
    const index = await buildBankIndex(path.join(root, 'packs'));
    fs.writeFileSync(path.join(root, 'packs', 'index.json'), JSON.stringify(index));
    // a registry whose listed hash does not match the file it serves
    const lying = structuredClone(index);
    lying.banks.find((b) => b.id === 'beta-wood')!.sha256 = 'f'.repeat(64);
    fs.writeFileSync(path.join(root, 'packs', 'lying.json'), JSON.stringify(lying));
    server = await serve(root);
  });
  after(async function () {
    await server.close();
  });
  beforeEach(function () {
    user = path.join(tempDir('registry-user'), 'banks');
  });

  it('indexes packed banks with id, version, author, licence, hashes and relative URLs', async function () {
    const index = JSON.parse(fs.readFileSync(path.join(root, 'packs', 'index.json'), 'utf8'));
    assert.deepEqual(index.banks.map((b: any) => [b.id, b.version, b.url]), [
      ['alpha-metal', '1.0.0', 'alpha-1.0.0.nrbank'],
      ['alpha-metal', '1.2.0', 'alpha-1.2.0.nrbank'],
      ['beta-wood', '0.3.0', 'beta.nrbank'],
    ]);
    const packed = fs.readFileSync(path.join(root, 'packs', 'beta.nrbank'));
    const beta = index.banks[2];
    assert.equal(beta.sha256, require('node:crypto').createHash('sha256').update(packed).digest('hex'));
    assert.equal(beta.size, packed.length);
    assert.equal(beta.author, 'Tester');
    assert.equal(beta.licence, 'CC0-1.0');
  });

  it('searches the index served over HTTP', async function () {
    const registry = await openRegistry(`${server.url}/packs/index.json`);
    assert.deepEqual(searchBankIndex(registry.index, 'WOOD').map((b) => b.id), ['beta-wood']);
    assert.equal(searchBankIndex(registry.index, 'tester').length, 3);
    assert.equal(searchBankIndex(registry.index, 'zzz').length, 0);
  });

  it('installs the newest version of a bank by id', async function () {
    const r = await installBank('alpha-metal', { dir: user, registry: `${server.url}/packs/index.json` });
    assert.equal(r.bank.version, '1.2.0');
    assert.equal(r.from, `${server.url}/packs/alpha-1.2.0.nrbank`);
    assert.equal((await readBank(path.join(user, 'alpha-metal'))).bank.contentHash, alpha2.contentHash);
  });

  it('installs from a plain URL', async function () {
    const r = await installBank(`${server.url}/packs/beta.nrbank`, { dir: user });
    assert.equal(r.bank.contentHash, beta.contentHash);
  });

  it('refuses an unknown id', async function () {
    await assert.rejects(installBank('gamma', { dir: user, registry: `${server.url}/packs/index.json` }), errorWith('NR_BANK_NOT_FOUND'));
    assert.deepEqual(listTree(path.dirname(user)), []);
  });

  it('refuses a download whose bytes do not match the index, writing nothing', async function () {
    await assert.rejects(installBank('beta-wood', { dir: user, registry: `${server.url}/packs/lying.json` }), errorWith('NR_BANK_HASH_MISMATCH'));
    assert.deepEqual(listTree(path.dirname(user)), []);
  });

  it('refuses an oversized download announced by Content-Length, writing nothing', async function () {
    await assert.rejects(installBank(`${server.url}/packs/beta.nrbank`, { dir: user, maxBytes: 100 }), (err: any) => {
      assert.equal(err.code, 'NR_BANK_DOWNLOAD_TOO_LARGE');
      assert.equal(err.location.file, `${server.url}/packs/beta.nrbank`);
      return true;
    });
    assert.deepEqual(listTree(path.dirname(user)), []);
  });

  it('aborts a streamed download as soon as it passes the limit', async function () {
    await assert.rejects(installBank(`${server.url}/endless.nrbank`, { dir: user, maxBytes: 1024 * 1024 }), errorWith('NR_BANK_DOWNLOAD_TOO_LARGE'));
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(server.sentByEndless() < 64 * 1024 * 1024, `the server kept sending: ${server.sentByEndless()} bytes`);
    assert.deepEqual(listTree(path.dirname(user)), []);
  });

  it('reports an HTTP error with the URL', async function () {
    await assert.rejects(installBank(`${server.url}/packs/missing.nrbank`, { dir: user }), (err: any) => err.code === 'NR_BANK_DOWNLOAD_FAILED' && /404/.test(err.message));
  });

  it('refuses an index that is not a registry index', async function () {
    await assert.rejects(openRegistry(`${server.url}/packs/beta.nrbank`), errorWith('NR_BANK_INDEX_INVALID'));
  });
});
