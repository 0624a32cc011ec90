import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { container } from 'tsyringe';
import { buildContainer } from '../../../core/container/build-container';
import { Tokens } from '../../../core/container/tokens';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { hostVersion } from '../../../core/host-version';
import { installModel } from '../../../core/model-packages/install-model';
import { packModel } from '../../../core/model-packages/pack-model';
import type { ModelPackageEnvelope } from '../../../core/model-packages/model-package-format';
import { sha256Hex } from '../../../core/model-packages/read-model-folder';
import { unpackModel } from '../../../core/model-packages/unpack-model';
import { validateModel } from '../../../core/model-packages/validate-model';
import { paths } from '../../../core/paths';
import { PluginLoader } from '../../../core/plugins/plugin-loader';
import { pluginFoldersIn } from '../../../core/plugins/discover-plugin-dirs';
import { scaffoldPlugin } from '../../../core/scaffold/scaffold-plugin';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { runCli } from '../../helpers/run-cli';

const SHIPPED = join(paths.models, 'sinc-nsf-impacts-v1');

/** The envelope of a package, changed by `edit`, packed again. */
function repack(bytes: Buffer, edit: (e: ModelPackageEnvelope) => void): Buffer {
  const envelope = JSON.parse(gunzipSync(bytes).toString('utf8')) as ModelPackageEnvelope;
  edit(envelope);
  return gzipSync(Buffer.from(JSON.stringify(envelope)));
}

/** A packed file's entry, re-encoded with consistent size and sha256 for new bytes. */
function setData(e: ModelPackageEnvelope, path: string, data: Buffer): void {
  const f = e.files.find((x) => x.path === path)!;
  Object.assign(f, { data: data.toString('base64'), bytes: data.length, sha256: sha256Hex(data) });
}

describe('model packages: pack, validate, install (issue 24 part 3)', function () {
  this.timeout(120_000);
  let root: string;
  let source: string;
  let users: string;
  let loader: PluginLoader;
  const code = async (p: Promise<unknown>) => p.then(() => 'none', (err: NeurorackError) => err.code);
  const left = () => (existsSync(users) ? readdirSync(users) : []);

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'nr-model-pkg-'));
    source = join(root, 'my-model');
    cpSync(SHIPPED, source, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
    manifest.id = 'my-model';
    writeFileSync(join(source, 'manifest.json'), JSON.stringify(manifest, null, 2));
    loader = buildContainer({ profile: 'test' }).resolve(Tokens.Plugins);
  });
  beforeEach(() => { users = join(mkdtempSync(join(root, 'users-')), 'models'); });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('packs what the manifest lists, the same bytes twice, and installs it back byte for byte', async () => {
    const bytes = packModel(source);
    assert.deepEqual(packModel(source), bytes);
    const unpacked = unpackModel(bytes, 'mem');
    assert.deepEqual([...unpacked.files.keys()], ['manifest.json', 'model.onnx', 'golden.json'], 'README.md and eval.png are not listed, so not packed');
    writeFileSync(join(root, 'm.nrmodel'), bytes);
    assert.deepEqual(await validateModel(join(root, 'm.nrmodel'), loader, root), { id: 'my-model', runtime: 'sinc-nsf', files: ['manifest.json', 'model.onnx', 'golden.json'] });
    const r = await installModel(join(root, 'm.nrmodel'), { dir: users, loader });
    assert.equal(r.dir, join(users, 'my-model'));
    for (const f of ['manifest.json', 'model.onnx', 'golden.json']) assert.deepEqual(readFileSync(join(r.dir, f)), readFileSync(join(source, f)), f);
    assert.deepEqual(left(), ['my-model'], 'no staging folder is left');
  });

  it('refuses an installed id without --force (nothing changes) and replaces it with --force', async () => {
    writeFileSync(join(root, 'm.nrmodel'), packModel(source));
    await installModel(join(root, 'm.nrmodel'), { dir: users, loader });
    writeFileSync(join(users, 'my-model', 'note.txt'), 'mine');
    assert.equal(await code(installModel(join(root, 'm.nrmodel'), { dir: users, loader })), 'NR_MODEL_EXISTS');
    assert.ok(existsSync(join(users, 'my-model', 'note.txt')));
    await installModel(join(root, 'm.nrmodel'), { dir: users, loader, force: true });
    assert.ok(!existsSync(join(users, 'my-model', 'note.txt')), 'the old folder was replaced');
    assert.deepEqual(left(), ['my-model']);
    assert.equal(await code(installModel(join(root, 'shipped.nrmodel'), { dir: users, loader })), 'NR_FILE_NOT_FOUND');
    writeFileSync(join(root, 'shipped.nrmodel'), packModel(SHIPPED));
    assert.equal(await code(installModel(join(root, 'shipped.nrmodel'), { dir: users, loader, force: true })), 'NR_MODEL_EXISTS', 'a shipped id is never replaced');
  });

  it('refuses each bad package with nothing written: hash mismatch, missing runtime, path escape, unlisted file, golden mismatch, truncated, oversized', async () => {
    const good = packModel(source);
    const onnx = readFileSync(join(source, 'model.onnx'));
    const flipped = Buffer.from(onnx);
    flipped[flipped.length - 1] ^= 0xff;
    const cases: Array<[string, Buffer, string, PluginLoader?]> = [
      ['data that does not hash to its envelope entry', repack(good, (e) => { e.files[1]!.data = flipped.toString('base64'); }), 'NR_MODEL_PACKAGE_INVALID'],
      ['a file that differs from the manifest (envelope consistent)', repack(good, (e) => setData(e, 'model.onnx', flipped)), 'NR_MODEL_HASH_MISMATCH'],
      ['a runtime no plugin offers', repack(good, (e) => {
        const m = JSON.parse(Buffer.from(e.files[0]!.data, 'base64').toString('utf8'));
        m.runtime = 'no-such-runtime';
        e.runtime = 'no-such-runtime';
        setData(e, 'manifest.json', Buffer.from(JSON.stringify(m)));
      }), 'NR_PLUGIN_NOT_FOUND'],
      ['a path climbing out of the folder', repack(good, (e) => { e.files.push({ ...e.files[2]!, path: '../escape.json' }); }), 'NR_MODEL_PATH_UNSAFE'],
      ['an absolute path', repack(good, (e) => { e.files[2]!.path = '/tmp/golden.json'; }), 'NR_MODEL_PATH_UNSAFE'],
      ['a file the manifest does not list', repack(good, (e) => { e.files.push({ ...e.files[2]!, path: 'extra.json' }); }), 'NR_MODEL_PACKAGE_INVALID'],
      ['a golden vector the model does not reproduce', repack(good, (e) => {
        const golden = JSON.parse(Buffer.from(e.files[2]!.data, 'base64').toString('utf8'));
        golden.audio = golden.audio.map((v: number) => v + 0.5);
        const data = Buffer.from(JSON.stringify(golden));
        setData(e, 'golden.json', data);
        const m = JSON.parse(Buffer.from(e.files[0]!.data, 'base64').toString('utf8'));
        Object.assign(m.files.find((f: { path: string }) => f.path === 'golden.json'), { bytes: data.length, sha256: sha256Hex(data) });
        setData(e, 'manifest.json', Buffer.from(JSON.stringify(m)));
      }), 'NR_MODEL_GOLDEN_MISMATCH'],
      ['a truncated file', good.subarray(0, good.length >> 1), 'NR_MODEL_PACKAGE_INVALID'],
    ];
    for (const [what, bytes, expected] of cases) {
      writeFileSync(join(root, 'bad.nrmodel'), bytes);
      assert.equal(await code(installModel(join(root, 'bad.nrmodel'), { dir: users, loader })), expected, what);
      assert.deepEqual(left(), [], `${what}: nothing is left in the model folder`);
    }
    writeFileSync(join(root, 'big.nrmodel'), good);
    assert.equal(await code(installModel(join(root, 'big.nrmodel'), { dir: users, loader, maxBytes: 1000 })), 'NR_MODEL_PACKAGE_INVALID', 'over the size limit');
    assert.throws(() => unpackModel(good, 'mem', { maxEnvelopeBytes: 1000 }), /decompresses to more than 1000 bytes/);
    assert.deepEqual(left(), []);
  });

  it('refuses a model whose runtime plugin does not accept this host, naming the plugin and why', async () => {
    const pluginDir = join(root, 'plugins', 'old-runtime');
    scaffoldPlugin('model', 'old-runtime', pluginDir, hostVersion, 'Test');
    const pluginManifest = JSON.parse(readFileSync(join(pluginDir, 'plugin.json'), 'utf8'));
    pluginManifest.host = '>=99.0.0';
    writeFileSync(join(pluginDir, 'plugin.json'), JSON.stringify(pluginManifest));
    const withOld = new PluginLoader(new SchemaRegistry(), hostVersion, container.createChildContainer());
    withOld.discover(pluginFoldersIn(join(root, 'plugins'), 'rack'));
    writeFileSync(join(root, 'old.nrmodel'), packModel(join(pluginDir, 'example-model')));
    await assert.rejects(installModel(join(root, 'old.nrmodel'), { dir: users, loader: withOld }),
      (err: NeurorackError) => err.code === 'NR_PLUGIN_NOT_LOADABLE' && /old-runtime/.test(err.message) && /NR_PLUGIN_HOST_INCOMPATIBLE/.test(err.message));
    assert.deepEqual(left(), []);
  });

  it('the commands: pack, validate (folder and package), install, list; a folder that does not match its manifest is not packed', async () => {
    const out = join(root, 'cli.nrmodel');
    const pack = await runCli(['model', 'pack', source, '--out', out]);
    assert.equal(pack.code, 0, pack.stderr);
    for (const target of [source, out]) {
      const v = await runCli(['model', 'validate', target]);
      assert.equal(v.code, 0, v.stderr);
      assert.match(v.stdout, /^ok: my-model \(runtime sinc-nsf; 3 files checked/);
    }
    const saved = process.env['NEURORACK_MODELS_DIR'];
    process.env['NEURORACK_MODELS_DIR'] = users;
    try {
      const install = await runCli(['model', 'install', out]);
      assert.equal(install.code, 0, install.stderr);
      const list = JSON.parse((await runCli(['model', 'list', '--json'])).stdout) as Array<{ id: string; source: string }>;
      assert.deepEqual(list.map((m) => `${m.id} ${m.source}`).sort(), ['frave-impacts-v1 builtin', 'my-model user', 'sinc-nsf-impacts-v1 builtin']);
      const again = await runCli(['model', 'install', out]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /NR_MODEL_EXISTS/);
    } finally {
      if (saved === undefined) delete process.env['NEURORACK_MODELS_DIR']; else process.env['NEURORACK_MODELS_DIR'] = saved;
    }
    const broken = join(root, 'broken-model');
    cpSync(source, broken, { recursive: true });
    writeFileSync(join(broken, 'golden.json'), '{}');
    const refused = await runCli(['model', 'pack', broken, '--out', join(root, 'broken.nrmodel')]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /NR_MODEL_HASH_MISMATCH.*golden\.json/);
    assert.ok(!existsSync(join(root, 'broken.nrmodel')));
  });
});
