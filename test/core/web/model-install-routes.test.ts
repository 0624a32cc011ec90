import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { container } from 'tsyringe';
import { buildContainer } from '../../../core/container/build-container';
import { Tokens } from '../../../core/container/tokens';
import { hostVersion } from '../../../core/host-version';
import { installModel } from '../../../core/model-packages/install-model';
import type { ModelPackageEnvelope } from '../../../core/model-packages/model-package-format';
import { packModel } from '../../../core/model-packages/pack-model';
import { sha256Hex } from '../../../core/model-packages/read-model-folder';
import { paths } from '../../../core/paths';
import { pluginFoldersIn } from '../../../core/plugins/discover-plugin-dirs';
import { PluginLoader } from '../../../core/plugins/plugin-loader';
import { scaffoldPlugin } from '../../../core/scaffold/scaffold-plugin';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { createWebServer, type WebServer } from '../../../core/web/create-web-server';
import type { ModelsPort } from '../../../core/web/web-host';
import { startBenchHost, type BenchHost } from './helpers/bench-host';

const UPLOAD = { 'content-type': 'application/x-nrmodel', 'x-neurorack-request': '1', host: '127.0.0.1:8940' };

function repack(bytes: Buffer, edit: (e: ModelPackageEnvelope) => void): Buffer {
  const envelope = JSON.parse(gunzipSync(bytes).toString('utf8')) as ModelPackageEnvelope;
  edit(envelope);
  return gzipSync(Buffer.from(JSON.stringify(envelope)));
}

function setData(e: ModelPackageEnvelope, path: string, data: Buffer): void {
  Object.assign(e.files.find((x) => x.path === path)!, { data: data.toString('base64'), bytes: data.length, sha256: sha256Hex(data) });
}

function editManifest(e: ModelPackageEnvelope, edit: (m: Record<string, unknown>) => void): void {
  const m = JSON.parse(Buffer.from(e.files[0]!.data, 'base64').toString('utf8')) as Record<string, unknown>;
  edit(m);
  setData(e, 'manifest.json', Buffer.from(JSON.stringify(m)));
}

/**
 * POST /api/models/install through the real web server, the real upload receiver and `model
 * install`'s own code over a temporary user model folder: a good package is installed and listed,
 * every bad kind is refused with its code and leaves nothing in the model folder or the upload folder.
 */
describe('POST /api/models/install: the panel installs a .nrmodel (issue #24 point 3)', function () {
  this.timeout(120_000);
  let root: string;
  let users: string;
  let uploads: string;
  let bench: BenchHost;
  let server: WebServer;
  let good: Buffer;
  let loader: PluginLoader;
  let withOldRuntime: PluginLoader;
  let oldPackage: Buffer;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'nr-model-upload-test-'));
    users = join(root, 'models');
    uploads = join(root, 'uploads');
    mkdirSync(users, { recursive: true });
    mkdirSync(uploads, { recursive: true });
    const source = join(root, 'uploaded-model');
    cpSync(join(paths.models, 'sinc-nsf-impacts-v1'), source, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
    writeFileSync(join(source, 'manifest.json'), JSON.stringify({ ...manifest, id: 'uploaded-model' }, null, 2));
    good = packModel(source);
    loader = buildContainer({ profile: 'test' }).resolve(Tokens.Plugins);

    const pluginDir = join(root, 'plugins', 'old-runtime');
    scaffoldPlugin('model', 'old-runtime', pluginDir, hostVersion, 'Test');
    const pluginManifest = JSON.parse(readFileSync(join(pluginDir, 'plugin.json'), 'utf8'));
    writeFileSync(join(pluginDir, 'plugin.json'), JSON.stringify({ ...pluginManifest, host: '>=99.0.0' }));
    withOldRuntime = new PluginLoader(new SchemaRegistry(), hostVersion, container.createChildContainer());
    withOldRuntime.discover(pluginFoldersIn(join(root, 'plugins'), 'rack'));
    oldPackage = packModel(join(pluginDir, 'example-model'));

    bench = await startBenchHost();
    let plugins = loader;
    const models: ModelsPort = {
      view: () => ({ playing: null, loading: null, models: readdirSync(users).filter((n) => !n.startsWith('.')).map((id) => ({ id, name: id, status: 'available', rtf: null })), timbres: [], timbre: null }),
      select: async () => undefined,
      selectTimbre: async () => undefined,
      install: async (file, { force }) => {
        const r = await installModel(file, { dir: users, loader: plugins, force });
        return { id: r.id, runtime: r.runtime };
      },
    };
    server = await createWebServer({ ...bench.host, models }, { port: 0, maxModelUploadBytes: 2 * good.length, uploadDir: uploads });
    useLoader = (l) => (plugins = l);
  });
  let useLoader: (l: PluginLoader) => void = () => undefined;
  after(async () => {
    await server?.close();
    await bench?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const upload = (payload: Buffer | Readable, query = '', headers: Record<string, string> = UPLOAD) => server.app.inject({ method: 'POST', url: `/api/models/install${query}`, headers, payload });
  const left = () => ({ models: readdirSync(users), uploads: readdirSync(uploads) });

  it('installs a good package atomically and lists it; the same id again is refused (409) until ?force=1', async () => {
    const res = await upload(good);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { id: 'uploaded-model', runtime: 'sinc-nsf' });
    assert.deepEqual(left(), { models: ['uploaded-model'], uploads: [] }, 'the model folder holds the model alone; the upload file is gone');
    const listed = await server.app.inject({ url: '/api/models', headers: { host: '127.0.0.1:8940' } });
    assert.deepEqual(listed.json().models.map((m: { id: string }) => m.id), ['uploaded-model']);
    writeFileSync(join(users, 'uploaded-model', 'note.txt'), 'mine');
    const again = await upload(good);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'NR_MODEL_EXISTS');
    assert.ok(existsSync(join(users, 'uploaded-model', 'note.txt')), 'the installed model is untouched');
    assert.equal((await upload(good, '?force=1')).statusCode, 200);
    assert.ok(!existsSync(join(users, 'uploaded-model', 'note.txt')), 'replaced with --force');
    rmSync(join(users, 'uploaded-model'), { recursive: true });
  });

  it('refuses each bad package with its code, writing nothing: hash mismatch, missing runtime, path escape, damaged', async () => {
    const onnx = readFileSync(join(paths.models, 'sinc-nsf-impacts-v1', 'model.onnx'));
    const flipped = Buffer.from(onnx);
    flipped[flipped.length - 1]! ^= 0xff;
    const cases: Array<[string, Buffer, string, number]> = [
      ['a file that differs from its manifest', repack(good, (e) => setData(e, 'model.onnx', flipped)), 'NR_MODEL_HASH_MISMATCH', 400],
      ['a runtime no plugin offers', repack(good, (e) => {
        editManifest(e, (m) => (m.runtime = 'no-such-runtime'));
        e.runtime = 'no-such-runtime';
      }), 'NR_PLUGIN_NOT_FOUND', 400],
      ['a path climbing out of the model folder', repack(good, (e) => { e.files.push({ ...e.files[2]!, path: '../escape.json' }); }), 'NR_MODEL_PATH_UNSAFE', 400],
      ['an absolute path', repack(good, (e) => { e.files[2]!.path = '/tmp/golden.json'; }), 'NR_MODEL_PATH_UNSAFE', 400],
      ['a truncated package', good.subarray(0, good.length >> 1), 'NR_MODEL_PACKAGE_INVALID', 400],
    ];
    for (const [what, bytes, code, status] of cases) {
      const res = await upload(bytes);
      assert.equal(res.json().error?.code, code, `${what}: ${res.body}`);
      assert.equal(res.statusCode, status, what);
      assert.deepEqual(left(), { models: [], uploads: [] }, `${what}: nothing written`);
    }
    assert.ok(!existsSync(join(root, 'escape.json')));
  });

  it('refuses a model whose runtime plugin does not accept this host version, naming why', async () => {
    useLoader(withOldRuntime);
    try {
      const res = await upload(oldPackage);
      assert.equal(res.json().error.code, 'NR_PLUGIN_NOT_LOADABLE', res.body);
      assert.match(res.json().error.message, /NR_PLUGIN_HOST_INCOMPATIBLE/);
      assert.deepEqual(left(), { models: [], uploads: [] });
    } finally {
      useLoader(loader);
    }
  });

  it('refuses an oversized upload (413), whether it declares its length or streams past the limit, writing nothing', async () => {
    const big = Buffer.concat([good, good, Buffer.alloc(8192)]);
    const declared = await upload(big);
    assert.equal(declared.statusCode, 413);
    assert.equal(declared.json().error.code, 'NR_WEB_UPLOAD_TOO_LARGE');
    assert.deepEqual(left(), { models: [], uploads: [] });
    const streamed = await upload(Readable.from([big.subarray(0, 65536), big.subarray(65536)]));
    assert.equal(streamed.statusCode, 413, streamed.body);
    assert.equal(streamed.json().error.code, 'NR_WEB_UPLOAD_TOO_LARGE');
    assert.deepEqual(left(), { models: [], uploads: [] });
  });

  it('refuses a body sent as another type, and a request without the panel header', async () => {
    const wrongType = await upload(good, '', { ...UPLOAD, 'content-type': 'application/octet-stream' });
    assert.equal(wrongType.json().error.code, 'NR_WEB_MESSAGE_INVALID');
    const { 'x-neurorack-request': _csrf, ...noHeader } = UPLOAD;
    assert.equal((await upload(good, '', noHeader)).statusCode, 403);
    assert.deepEqual(left(), { models: [], uploads: [] });
  });
});
