import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadRack } from '../../../core/config/load-rack';
import { CommunityBanks } from '../../../core/host/community-banks';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { createWebServer, type WebServer } from '../../../core/web/create-web-server';
import { startLoopbackRegistry, type LoopbackRegistry } from '../../helpers/loopback-registry';
import { startBenchHost, type BenchHost } from './helpers/bench-host';

const HOST = { host: '127.0.0.1:8787' };
const JSON_POST = { 'content-type': 'application/json', 'x-neurorack-request': '1', ...HOST };

describe('registry routes (inject; a registry on 127.0.0.1)', function () {
  this.timeout(60_000);
  const work = fs.mkdtempSync(path.join(tmpdir(), 'nr-registry-routes-'));
  let bench: BenchHost;
  let registry: LoopbackRegistry;
  let community: CommunityBanks;
  let server: WebServer;
  let bare: WebServer;

  before(async () => {
    bench = await startBenchHost();
    registry = await startLoopbackRegistry(path.join(work, 'registry'));
    community = new CommunityBanks({ rack: loadRack({ profile: 'test' }, new SchemaRegistry()), userDir: () => path.join(work, 'user'), onChange: () => undefined, onInstalled: async () => undefined });
    server = await createWebServer({ ...bench.host, community }, { port: 0 });
    bare = await createWebServer(bench.host, { port: 0 });
  });
  after(async () => {
    await server?.close();
    await bare?.close();
    await community?.close();
    await bench?.close();
    await registry?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('refuses what is not an http(s) registry, and a registry the rack does not name', async () => {
    const bad = await server.app.inject({ method: 'POST', url: '/api/registries', headers: JSON_POST, payload: { registries: ['ftp://x/index.json'] } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'NR_BANK_REGISTRY_INVALID');
    const unknown = await server.app.inject({ url: `/api/registries/banks?registry=${encodeURIComponent(registry.url)}`, headers: HOST });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'NR_BANK_REGISTRY_UNKNOWN');
    const csrf = await server.app.inject({ method: 'POST', url: '/api/registries', headers: { 'content-type': 'application/json', ...HOST }, payload: { registries: [registry.url] } });
    assert.equal(csrf.statusCode, 403, 'a state change needs the panel\'s request header');
  });

  it('sets the registries, lists, previews and installs through the API', async () => {
    const set = await server.app.inject({ method: 'POST', url: '/api/registries', headers: JSON_POST, payload: { registries: [registry.url] } });
    assert.deepEqual(set.json(), { registries: [registry.url], saved: false });
    const q = `registry=${encodeURIComponent(registry.url)}`;
    const banks = (await server.app.inject({ url: `/api/registries/banks?${q}`, headers: HOST })).json().banks as Array<{ id: string; author: string }>;
    assert.deepEqual(banks.map((b) => `${b.id} ${b.author}`).sort(), ['community-bells Bob', 'community-booms Alice']);
    const preview = (await server.app.inject({ url: `/api/registries/preview?${q}&bank=community-bells`, headers: HOST })).json();
    assert.deepEqual(preview.entries.map((e: { name: string }) => e.name), ['ding', 'dong']);
    const badId = await server.app.inject({ url: `/api/registries/preview?${q}&bank=..%2Fetc`, headers: HOST });
    assert.equal(badId.statusCode, 400);
    const installed = await server.app.inject({ method: 'POST', url: '/api/registries/install', headers: JSON_POST, payload: { registry: registry.url, bank: 'community-bells' } });
    assert.equal(installed.statusCode, 200, installed.body);
    assert.equal(installed.json().id, 'community-bells');
    assert.ok(fs.existsSync(path.join(work, 'user', 'community-bells', 'bank.json')));
    assert.equal((await server.app.inject({ url: '/api/registries', headers: HOST })).json().progress.phase, 'done');
  });

  it('answers NR_WEB_HOST_NOT_WIRED on a host without registries', async () => {
    const res = await bare.app.inject({ url: '/api/registries', headers: HOST });
    assert.equal(res.statusCode, 501);
    assert.equal(res.json().error.code, 'NR_WEB_HOST_NOT_WIRED');
  });
});
