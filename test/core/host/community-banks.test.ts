import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadRack } from '../../../core/config/load-rack';
import type { LoadedRack } from '../../../core/config/rack-config';
import { CommunityBanks, type CommunityProgress } from '../../../core/host/community-banks';
import { paths } from '../../../core/paths';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { startLoopbackRegistry, type LoopbackRegistry } from '../../helpers/loopback-registry';
import { runCli } from '../../helpers/run-cli';

describe('CommunityBanks: a registry on 127.0.0.1 (issue #25)', function () {
  this.timeout(60_000);
  const work = fs.mkdtempSync(path.join(tmpdir(), 'nr-community-'));
  let registry: LoopbackRegistry;
  let rack: LoadedRack;
  let community: CommunityBanks;
  let installed: string[];
  const steps: Array<CommunityProgress['phase']> = [];

  before(async () => {
    registry = await startLoopbackRegistry(path.join(work, 'registry'));
    const file = path.join(work, 'my.rack.json');
    fs.writeFileSync(file, fs.readFileSync(path.join(paths.profiles, 'test.rack.json')), { mode: 0o600 });
    rack = loadRack({ rackFile: file }, new SchemaRegistry());
    installed = [];
    community = new CommunityBanks({
      rack,
      userDir: () => path.join(work, 'user-banks'),
      onChange: () => {
        const p = community.progress;
        if (p && steps[steps.length - 1] !== p.phase) steps.push(p.phase);
      },
      onInstalled: async (b) => void installed.push(b.id),
    });
  });
  after(async () => {
    await community?.close();
    await registry?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('takes registries from the panel: http(s) URLs only, applied at once and saved in a user\'s rack file', async () => {
    await assert.rejects(community.setRegistries(['file:///etc/passwd']), { code: 'NR_BANK_REGISTRY_INVALID' });
    await assert.rejects(community.setRegistries('http://x'), { code: 'NR_BANK_REGISTRY_INVALID' });
    const set = await community.setRegistries([registry.url, registry.url]);
    assert.deepEqual(set, { registries: [registry.url], saved: true });
    assert.deepEqual(community.registries(), [registry.url]);
    const doc = JSON.parse(fs.readFileSync(rack.file, 'utf8'));
    assert.deepEqual(doc.banks.registries, [registry.url]);
    assert.equal(fs.statSync(rack.file).mode & 0o777, 0o600, 'the rack file keeps its mode');
    assert.deepEqual(loadRack({ rackFile: rack.file }, new SchemaRegistry()).config.banks.registries, [registry.url], 'the saved rack validates');
    const builtIn = new CommunityBanks({ rack: loadRack({ profile: 'test' }, new SchemaRegistry()), userDir: () => work, onChange: () => undefined, onInstalled: async () => undefined });
    assert.equal((await builtIn.setRegistries([registry.url])).saved, false, 'a built-in profile keeps it for the session');
    await builtIn.close();
  });

  it("lists a registry's banks with author, licence, size and entries", async () => {
    const { banks } = await community.list(registry.url);
    const booms = banks.find((b) => b.id === 'community-booms')!;
    assert.deepEqual([booms.name, booms.author, booms.licence, booms.entries], ['Community booms', 'Alice', 'CC-BY-4.0', 3]);
    assert.equal(booms.size, fs.statSync(path.join(registry.dir, 'booms.nrbank')).size);
    assert.deepEqual(banks.map((b) => b.id).sort(), ['community-bells', 'community-booms']);
    await assert.rejects(community.list('http://127.0.0.1:1/index.json'), { code: 'NR_BANK_REGISTRY_UNKNOWN' });
  });

  it("previews a bank's curves on 0..1 axes without writing anything", async () => {
    const p = await community.preview(registry.url, 'community-booms');
    assert.deepEqual(p.entries.map((e) => e.name), ['low', 'mid', 'high']);
    for (const e of p.entries) assert.ok(e.curves.length > 10 && e.curves.length <= 48 && e.curves.every((f) => f.length === 7 && f.every((v) => v >= 0 && v <= 1)));
    assert.ok(!fs.existsSync(path.join(work, 'user-banks')));
  });

  it('installs a bank as `bank install ID --registry` does, with its progress, and tells the host', async () => {
    const done = await community.install(registry.url, 'community-booms');
    assert.equal(done.id, 'community-booms');
    assert.deepEqual(steps, ['index', 'download', 'verify', 'write', 'done']);
    assert.deepEqual(installed, ['community-booms']);
    const cli = await runCli(['bank', 'install', 'community-booms', '--registry', registry.url, '--dir', 'cli-banks'], work);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(fs.readFileSync(path.join(work, 'user-banks', 'community-booms', 'bank.json')), fs.readFileSync(path.join(work, 'cli-banks', 'community-booms', 'bank.json')));
    await assert.rejects(community.install(registry.url, 'community-booms'), { code: 'NR_BANK_EXISTS' });
  });

  it('refuses a tampered pack exactly as `bank install` does, writing nothing', async () => {
    const pack = path.join(registry.dir, 'bells.nrbank');
    const bytes = fs.readFileSync(pack);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(pack, bytes);
    const err = await community.install(registry.url, 'community-bells').catch((e: { code: string }) => e);
    assert.equal((err as { code: string }).code, 'NR_BANK_HASH_MISMATCH');
    assert.equal(community.progress!.phase, 'failed');
    assert.match(community.progress!.error!, /^NR_BANK_HASH_MISMATCH: /);
    const cli = await runCli(['bank', 'install', 'community-bells', '--registry', registry.url, '--dir', 'cli-banks'], work);
    assert.equal(cli.code, 2);
    assert.match(cli.stderr, /NR_BANK_HASH_MISMATCH/);
    assert.ok(!fs.existsSync(path.join(work, 'user-banks', 'community-bells')));
  });
});
