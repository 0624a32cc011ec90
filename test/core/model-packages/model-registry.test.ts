import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildContainer } from '../../../core/container/build-container';
import { Tokens } from '../../../core/container/tokens';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { installModel } from '../../../core/model-packages/install-model';
import { checkModelIndex } from '../../../core/model-packages/model-index';
import { packModel } from '../../../core/model-packages/pack-model';
import { paths } from '../../../core/paths';
import type { PluginLoader } from '../../../core/plugins/plugin-loader';
import { runCli } from '../../helpers/run-cli';

/** A copy of the shipped model under another id and version. */
function variant(root: string, id: string, version: string): string {
  const dir = join(root, 'src', `${id}-${version}`);
  cpSync(join(paths.models, 'sinc-nsf-impacts-v1'), dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  Object.assign(m, { id, version, description: `variant ${id} ${version}` });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
  return dir;
}

describe('model registries: index, search, install --registry', function () {
  this.timeout(120_000);
  let root: string;
  let registry: string;
  let loader: PluginLoader;
  const code = async (p: Promise<unknown>) => p.then(() => 'none', (err: NeurorackError) => err.code);

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'nr-model-registry-'));
    registry = join(root, 'registry');
    mkdirSync(registry);
    writeFileSync(join(registry, 'alpha-1.nrmodel'), packModel(variant(root, 'alpha', '1.0.0')));
    writeFileSync(join(registry, 'alpha-2.nrmodel'), packModel(variant(root, 'alpha', '2.0.0')));
    writeFileSync(join(registry, 'beta.nrmodel'), packModel(variant(root, 'beta', '0.3.0')));
    loader = buildContainer({ profile: 'test' }).resolve(Tokens.Plugins);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('indexes every package (checked), searches it, and installs the newest version of an id', async () => {
    const built = await runCli(['model', 'index', registry, '--out', join(registry, 'index.json')]);
    assert.equal(built.code, 0, built.stderr);
    const index = checkModelIndex(JSON.parse(readFileSync(join(registry, 'index.json'), 'utf8')), 'index.json');
    assert.deepEqual(index.models.map((m) => `${m.id}@${m.version} ${m.url}`), ['alpha@1.0.0 alpha-1.nrmodel', 'alpha@2.0.0 alpha-2.nrmodel', 'beta@0.3.0 beta.nrmodel']);
    const found = JSON.parse((await runCli(['model', 'search', 'VARIANT BETA', '--registry', registry, '--json'])).stdout);
    assert.deepEqual(found.map((m: { id: string }) => m.id), ['beta']);
    const users = join(root, 'users-ok');
    await installModel('alpha', { dir: users, loader, registry });
    assert.equal(JSON.parse(readFileSync(join(users, 'alpha', 'manifest.json'), 'utf8')).version, '2.0.0');
  });

  it('refuses an unknown id, a package whose bytes differ from the index, and a bad index, writing nothing', async () => {
    const users = join(root, 'users-bad');
    assert.equal(await code(installModel('gamma', { dir: users, loader, registry })), 'NR_MODEL_NOT_FOUND');
    const tampered = join(root, 'tampered');
    cpSync(registry, tampered, { recursive: true });
    writeFileSync(join(tampered, 'beta.nrmodel'), packModel(variant(root, 'beta', '0.4.0')));
    assert.equal(await code(installModel('beta', { dir: users, loader, registry: tampered })), 'NR_MODEL_HASH_MISMATCH');
    const escaping = join(root, 'escaping');
    mkdirSync(escaping);
    const index = JSON.parse(readFileSync(join(registry, 'index.json'), 'utf8'));
    index.models[2].url = '../registry/beta.nrmodel';
    writeFileSync(join(escaping, 'index.json'), JSON.stringify(index));
    assert.equal(await code(installModel('beta', { dir: users, loader, registry: escaping })), 'NR_MODEL_INDEX_INVALID');
    assert.ok(!existsSync(users) || readdirSync(users).length === 0);
  });
});
