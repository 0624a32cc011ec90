import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadRack } from '../../../core/config/load-rack';
import type { LoadedRack } from '../../../core/config/rack-config';
import { buildContainer } from '../../../core/container/build-container';
import { Tokens } from '../../../core/container/tokens';
import { ModelInstalls } from '../../../core/host/model-installs';
import { packModel } from '../../../core/model-packages/pack-model';
import type { PluginLoader } from '../../../core/plugins/plugin-loader';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { createWebServer, type WebServer } from '../../../core/web/create-web-server';
import { modelVariant, startModelRegistry, type ModelRegistryServer } from '../../helpers/model-registry-server';
import { tempRack } from '../../helpers/temp-rack';
import { startBenchHost, type BenchHost } from './helpers/bench-host';

const HOST = { host: '127.0.0.1:8787' };
const JSON_POST = { 'content-type': 'application/json', 'x-neurorack-request': '1', ...HOST };

/**
 * The panel's model registries through the real web server, ModelInstalls and `model install
 * --registry`'s own code, against a registry the test packs, indexes and serves on 127.0.0.1: a
 * model is listed and installed; each refusal (already installed, hash mismatch, unreachable,
 * oversized, unknown registry) has its code and leaves the user's model folder as it was.
 */
describe('model registry routes: the panel lists and installs models from a registry (issue #24 point 3)', function () {
  this.timeout(120_000);
  const work = fs.mkdtempSync(path.join(tmpdir(), 'nr-model-registry-routes-'));
  const users = path.join(work, 'user-models');
  const modelsBefore = process.env['NEURORACK_MODELS_DIR'];
  let bench: BenchHost;
  let registry: ModelRegistryServer;
  let rack: LoadedRack;
  let loader: PluginLoader;
  let server: WebServer;
  let small: WebServer;
  const installed: string[] = [];

  before(async () => {
    process.env['NEURORACK_MODELS_DIR'] = users;
    registry = await startModelRegistry(path.join(work, 'registry'));
    await registry.publish(modelVariant(work, 'sinc-nsf-impacts-v1', 'alpha', '1.0.0'), 'alpha-1.nrmodel');
    await registry.publish(modelVariant(work, 'sinc-nsf-impacts-v1', 'alpha', '2.0.0'), 'alpha-2.nrmodel');
    await registry.publish(modelVariant(work, 'sinc-nsf-impacts-v1', 'beta', '0.3.0'), 'beta.nrmodel');
    await registry.publish(modelVariant(work, 'sinc-nsf-impacts-v1', 'gamma', '1.0.0', (m) => (m['runtime'] = 'no-such-runtime')), 'gamma.nrmodel');
    rack = loadRack({ rackFile: tempRack({}) }, new SchemaRegistry());
    loader = buildContainer({ profile: 'test' }).resolve(Tokens.Plugins);
    const installs = (maxBytes?: number) => new ModelInstalls({
      rack, loader: () => loader, userDir: () => users, onChange: () => undefined, ...(maxBytes ? { maxBytes } : {}),
      onInstalled: async (m) => {
        installed.push(m.id);
        return { reloaded: false };
      },
    });
    bench = await startBenchHost();
    server = await createWebServer({ ...bench.host, modelRegistries: installs() }, { port: 0 });
    small = await createWebServer({ ...bench.host, modelRegistries: installs(64 * 1024) }, { port: 0 });
  });
  after(async () => {
    await server?.close();
    await small?.close();
    await bench?.close();
    await registry?.close();
    if (modelsBefore === undefined) delete process.env['NEURORACK_MODELS_DIR'];
    else process.env['NEURORACK_MODELS_DIR'] = modelsBefore;
    fs.rmSync(work, { recursive: true, force: true });
  });

  const install = (id: string, force = false, at: WebServer = server, url = registry.url) =>
    at.app.inject({ method: 'POST', url: '/api/models/registry/install', headers: JSON_POST, payload: { registry: url, id, ...(force ? { force: true } : {}) } });
  const folder = () => (fs.existsSync(users) ? fs.readdirSync(users).sort() : []);
  const version = (id: string) => JSON.parse(fs.readFileSync(path.join(users, id, 'manifest.json'), 'utf8')).version as string;

  it('refuses a registry that is not http(s), one the rack does not name, and a bad model id', async () => {
    const bad = await server.app.inject({ method: 'POST', url: '/api/models/registries', headers: JSON_POST, payload: { registries: ['file:///etc/index.json'] } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'NR_MODEL_REGISTRY_INVALID');
    assert.equal(bad.json().error.pointer, '/registries/0');
    const unknown = await server.app.inject({ url: `/api/models/registry?registry=${encodeURIComponent(registry.url)}`, headers: HOST });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'NR_MODEL_REGISTRY_UNKNOWN');
    assert.equal((await install('alpha')).json().error.code, 'NR_MODEL_REGISTRY_UNKNOWN');
    const badId = await install('../alpha');
    assert.equal(badId.json().error.code, 'NR_WEB_MESSAGE_INVALID');
    assert.deepEqual(folder(), []);
  });

  it('names a registry in the rack file (model.registries) and lists its models: newest version, runtime, size, installed', async () => {
    const set = await server.app.inject({ method: 'POST', url: '/api/models/registries', headers: JSON_POST, payload: { registries: [registry.url, registry.url] } });
    assert.deepEqual(set.json(), { registries: [registry.url], saved: true });
    assert.deepEqual(JSON.parse(fs.readFileSync(rack.file, 'utf8')).model.registries, [registry.url], 'written to the user\'s rack file');
    assert.deepEqual(rack.config.model.registries, [registry.url], 'applied at once');
    assert.deepEqual((await server.app.inject({ url: '/api/models/registries', headers: HOST })).json(), { registries: [registry.url] });
    const listed = await server.app.inject({ url: `/api/models/registry?registry=${encodeURIComponent(registry.url)}`, headers: HOST });
    assert.equal(listed.statusCode, 200, listed.body);
    const models = listed.json().models as Array<Record<string, unknown>>;
    assert.deepEqual(models.map((m) => `${m.id}@${m.version} ${m.runtime} installed=${m.installed} runtime=${m.runtimeAvailable}`), [
      'alpha@2.0.0 sinc-nsf installed=false runtime=true',
      'beta@0.3.0 sinc-nsf installed=false runtime=true',
      'gamma@1.0.0 no-such-runtime installed=false runtime=false',
    ]);
    assert.equal(models[0]!.size, fs.statSync(path.join(registry.dir, 'alpha-2.nrmodel')).size);
    assert.equal(models[0]!.name, 'alpha 2.0.0');
  });

  it('installs a model (the newest version), lists it as installed, refuses it again (409) until force', async () => {
    const res = await install('alpha');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { id: 'alpha', runtime: 'sinc-nsf', reloaded: false });
    assert.deepEqual(folder(), ['alpha'], 'the model alone: no staging folder left');
    assert.equal(version('alpha'), '2.0.0');
    assert.deepEqual(installed, ['alpha'], 'the host was told (it lists the model and reloads it where it played)');
    const listed = (await server.app.inject({ url: `/api/models/registry?registry=${encodeURIComponent(registry.url)}`, headers: HOST })).json();
    assert.equal(listed.models.find((m: { id: string }) => m.id === 'alpha').installed, true);

    fs.writeFileSync(path.join(users, 'alpha', 'note.txt'), 'mine');
    const again = await install('alpha');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'NR_MODEL_EXISTS');
    assert.ok(fs.existsSync(path.join(users, 'alpha', 'note.txt')), 'the installed model is untouched');
    const forced = await install('alpha', true);
    assert.equal(forced.statusCode, 200, forced.body);
    assert.ok(!fs.existsSync(path.join(users, 'alpha', 'note.txt')), 'replaced with force');
    assert.deepEqual(folder(), ['alpha']);
    assert.deepEqual(installed, ['alpha', 'alpha']);
  });

  it('refuses a package whose bytes differ from the index (hash mismatch), writing nothing', async () => {
    const original = fs.readFileSync(path.join(registry.dir, 'beta.nrmodel'));
    registry.tamper('beta.nrmodel', packModel(modelVariant(work, 'sinc-nsf-impacts-v1', 'beta', '0.4.0')));
    try {
      const res = await install('beta');
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'NR_MODEL_HASH_MISMATCH', res.body);
      assert.match(res.json().error.message, /the registry lists/);
    } finally {
      registry.tamper('beta.nrmodel', original);
    }
    assert.deepEqual(folder(), ['alpha']);
  });

  it('refuses an unreachable registry, writing nothing', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const gone = `http://127.0.0.1:${port}/index.json`;
    await server.app.inject({ method: 'POST', url: '/api/models/registries', headers: JSON_POST, payload: { registries: [registry.url, gone] } });
    const listed = await server.app.inject({ url: `/api/models/registry?registry=${encodeURIComponent(gone)}`, headers: HOST });
    assert.equal(listed.json().error.code, 'NR_BANK_DOWNLOAD_FAILED', listed.body);
    const res = await install('beta', false, server, gone);
    assert.equal(res.json().error.code, 'NR_BANK_DOWNLOAD_FAILED', res.body);
    assert.match(res.json().error.message, new RegExp(`127\\.0\\.0\\.1:${port}`), 'the message names the registry');
    assert.deepEqual(folder(), ['alpha']);
  });

  it('refuses a package larger than the download limit, writing nothing', async () => {
    const res = await install('beta', false, small);
    assert.equal(res.json().error.code, 'NR_BANK_DOWNLOAD_TOO_LARGE', res.body);
    assert.match(res.json().error.message, /65536/);
    assert.deepEqual(folder(), ['alpha']);
  });

  it('refuses a model whose runtime this host does not have, writing nothing', async () => {
    const res = await install('gamma');
    assert.equal(res.json().error.code, 'NR_PLUGIN_NOT_FOUND', res.body);
    assert.deepEqual(folder(), ['alpha']);
  });

  it('answers NR_WEB_HOST_NOT_WIRED where the host has no model registries', async () => {
    const bare = await createWebServer(bench.host, { port: 0 });
    try {
      const res = await bare.app.inject({ url: '/api/models/registries', headers: HOST });
      assert.equal(res.statusCode, 501);
      assert.equal(res.json().error.code, 'NR_WEB_HOST_NOT_WIRED');
    } finally {
      await bare.close();
    }
  });
});
