import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { paths } from '../../../../core/paths';
import { generateImpact } from '../../../../core/synth/generate-impact';
import { encodeImpactWav } from '../../../../core/synth/impact-wav';
import { makeImpactRecipe } from '../../../../core/synth/recipes/make-recipe';
import { runCli } from '../../../helpers/run-cli';
import { listTree, tempDir } from '../../banks/bank-fixture';

describe('neurorack bank', function () {
  let work: string;
  before(async function () {
    work = tempDir('cli-bank');
    fs.mkdirSync(path.join(work, 'wav'));
    for (const [i, cat] of (['metal', 'wood', 'boom'] as const).entries()) {
      fs.writeFileSync(path.join(work, 'wav', `${cat}.wav`), encodeImpactWav(generateImpact(i, makeImpactRecipe(i, cat))));
    }
    fs.writeFileSync(path.join(work, 'wav', 'broken.wav'), Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'));
  });

  it('create -> validate -> pack -> install, with the content hash kept end to end', async function () {
    const create = await runCli(['bank', 'create', 'my-hits', 'wav/metal.wav', 'wav/broken.wav', 'wav/wood.wav', 'wav/boom.wav', '--out', 'banks/my-hits', '--name', 'My hits', '--author', 'Me', '--licence', 'MIT'], work);
    assert.equal(create.code, 0, create.stderr);
    assert.match(create.stderr, /skipped NR_WAV_INVALID: .*broken\.wav/);
    assert.match(create.stdout, /3 entries, 1 file\(s\) skipped, sha256:[0-9a-f]{64}/);
    const hash = /sha256:[0-9a-f]{64}/.exec(create.stdout)![0];
    const bank = JSON.parse(fs.readFileSync(path.join(work, 'banks/my-hits/bank.json'), 'utf8'));
    assert.deepEqual([bank.id, bank.name, bank.author, bank.licence, bank.entries.length], ['my-hits', 'My hits', 'Me', 'MIT', 3]);

    const validate = await runCli(['bank', 'validate', 'banks/my-hits'], work);
    assert.equal(validate.code, 0, validate.stderr);
    assert.ok(validate.stdout.includes(hash));

    const pack = await runCli(['bank', 'pack', 'banks/my-hits', '--out', 'share/my-hits.nrbank'], work);
    assert.equal(pack.code, 0, pack.stderr);
    assert.equal((await runCli(['bank', 'validate', 'share/my-hits.nrbank'], work)).code, 0);

    const install = await runCli(['bank', 'install', 'share/my-hits.nrbank', '--dir', 'user-banks'], work);
    assert.equal(install.code, 0, install.stderr);
    const installed = JSON.parse(fs.readFileSync(path.join(work, 'user-banks/my-hits/bank.json'), 'utf8'));
    assert.equal(installed.contentHash, hash);

    const again = await runCli(['bank', 'install', 'share/my-hits.nrbank', '--dir', 'user-banks'], work);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /NR_BANK_EXISTS: .*user-banks\/my-hits\/bank\.json: .*--force/);
    assert.equal((await runCli(['bank', 'install', 'share/my-hits.nrbank', '--dir', 'user-banks', '--force'], work)).code, 0);

    const list = await runCli(['bank', 'list', '--dir', 'user-banks', '--json'], work);
    assert.equal(list.code, 0, list.stderr);
    const listed = JSON.parse(list.stdout);
    assert.ok(listed.some((b: any) => b.origin === 'user' && b.id === 'my-hits' && b.contentHash === hash));
    const shipped = fs.readdirSync(paths.descriptorBanks).filter((n) => fs.existsSync(path.join(paths.descriptorBanks, n, 'bank.json')));
    assert.deepEqual(listed.filter((b: any) => b.origin === 'shipped').map((b: any) => b.id).sort(), shipped.sort());
  });

  it('create warns about a silent sound and a very short one, and still makes their entries (issue #25 point 10)', async function () {
    const boom = generateImpact(2, makeImpactRecipe(2, 'boom'));
    fs.writeFileSync(path.join(work, 'wav', 'silent.wav'), encodeImpactWav(new Float32Array(22050)));
    fs.writeFileSync(path.join(work, 'wav', 'short.wav'), encodeImpactWav(boom.slice(0, Math.round(0.045 * 22050))));
    const r = await runCli(['bank', 'create', 'odd', 'wav/silent.wav', 'wav/short.wav', 'wav/boom.wav', '--out', 'banks/odd'], work);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 entries/);
    assert.match(r.stderr, /warning: .*silent\.wav: the sound is silent \(peak digital silence/);
    assert.match(r.stderr, /warning: .*short\.wav: the sound is only 45 ms long/);
    assert.doesNotMatch(r.stderr, /boom\.wav/);
  });

  it('create with no usable file fails with exit 2 and writes nothing', async function () {
    const r = await runCli(['bank', 'create', 'nothing', 'wav/broken.wav', 'wav/absent.wav', '--out', 'none/nothing'], work);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NR_BANK_NO_USABLE_SOURCES: .*none\/nothing\/bank\.json: .*broken\.wav.*\n.*absent\.wav/s);
    assert.ok(!fs.existsSync(path.join(work, 'none')));
  });

  it('validate names the file and the JSON pointer of a bad value, exit 2', async function () {
    fs.mkdirSync(path.join(work, 'bad'), { recursive: true });
    const bank = JSON.parse(fs.readFileSync(path.join(paths.descriptorBanks, 'wood-and-skins', 'bank.json'), 'utf8'));
    bank.entries[3].frames[12][4] = -5;
    fs.writeFileSync(path.join(work, 'bad', 'bank.json'), JSON.stringify(bank));
    const r = await runCli(['bank', 'validate', 'bad'], work);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`NR_BANK_VALUE_INVALID: ${path.join(work, 'bad', 'bank.json')} at /entries/3/frames/12/4: bandwidth is -5`), r.stderr);
  });

  it('install of a tampered pack exits 2 and leaves the bank folder empty', async function () {
    const envelope = JSON.parse(gunzipSync(fs.readFileSync(path.join(work, 'share/my-hits.nrbank'))).toString('utf8'));
    envelope.bank.entries[0].frames[0][1] = 0.5;
    fs.writeFileSync(path.join(work, 'share/tampered.nrbank'), gzipSync(Buffer.from(JSON.stringify(envelope))));
    const r = await runCli(['bank', 'install', 'share/tampered.nrbank', '--dir', 'clean-banks'], work);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NR_BANK_(HASH_MISMATCH|VALUE_INVALID): .*tampered\.nrbank/);
    assert.deepEqual(listTree(path.join(work, 'clean-banks')), []);
  });

  it('list uses $NEURORACK_BANKS_DIR when --dir is not given', async function () {
    const old = process.env['NEURORACK_BANKS_DIR'];
    process.env['NEURORACK_BANKS_DIR'] = path.join(work, 'user-banks');
    try {
      const r = await runCli(['bank', 'list'], work);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^user\s+my-hits\s+1\.0\.0\s+3 entries/m);
      assert.match(r.stdout, /^shipped\s+metal-and-glass\s/m);
    } finally {
      if (old === undefined) delete process.env['NEURORACK_BANKS_DIR'];
      else process.env['NEURORACK_BANKS_DIR'] = old;
    }
  });

  describe('with a registry on 127.0.0.1', function () {
    let server: http.Server;
    let base: string;
    before(async function () {
      assert.equal((await runCli(['bank', 'pack', path.join(paths.descriptorBanks, 'cinematic-booms'), '--out', 'registry/booms.nrbank'], work)).code, 0);
      assert.equal((await runCli(['bank', 'pack', path.join(paths.descriptorBanks, 'wood-and-skins'), '--out', 'registry/wood.nrbank'], work)).code, 0);
      const index = await runCli(['bank', 'index', 'registry', '--out', 'registry/index.json'], work);
      assert.equal(index.code, 0, index.stderr);
      server = http.createServer((req, res) => {
        const file = path.join(work, 'registry', path.basename(req.url ?? ''));
        if (!fs.existsSync(file)) return void res.writeHead(404).end();
        const body = fs.readFileSync(file);
        res.writeHead(200, { 'content-length': body.length }).end(body);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(function (done) {
      server.closeAllConnections();
      server.close(() => done());
    });

    it('search finds banks by words in their name', async function () {
      const r = await runCli(['bank', 'search', 'boom', '--registry', `${base}/index.json`], work);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^cinematic-booms\s+1\.0\.0\s+12 entries\s+Cinematic booms \(Neurorack contributors, CC0-1\.0\)$/m);
      assert.doesNotMatch(r.stdout, /wood-and-skins/);
    });

    it('install by id downloads, verifies and installs', async function () {
      const r = await runCli(['bank', 'install', 'wood-and-skins', '--registry', `${base}/index.json`, '--dir', 'reg-banks'], work);
      assert.equal(r.code, 0, r.stderr);
      const shipped = JSON.parse(fs.readFileSync(path.join(paths.descriptorBanks, 'wood-and-skins', 'bank.json'), 'utf8'));
      const got = JSON.parse(fs.readFileSync(path.join(work, 'reg-banks', 'wood-and-skins', 'bank.json'), 'utf8'));
      assert.equal(got.contentHash, shipped.contentHash);
    });

    it('an oversized download is refused with exit 2 and nothing written', async function () {
      const r = await runCli(['bank', 'install', 'cinematic-booms', '--registry', `${base}/index.json`, '--dir', 'small-banks', '--max-bytes', '2000'], work);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /NR_BANK_DOWNLOAD_TOO_LARGE: http:\/\/127\.0\.0\.1:\d+\/booms\.nrbank: .*2000 bytes/);
      assert.ok(!fs.existsSync(path.join(work, 'small-banks')));
    });
  });
});
