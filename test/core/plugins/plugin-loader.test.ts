import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { container } from 'tsyringe';
import { packageRoot } from '../../../core/paths';
import { pluginFoldersIn } from '../../../core/plugins/discover-plugin-dirs';
import { PluginLoader } from '../../../core/plugins/plugin-loader';
import { PluginTokens } from '../../../core/plugins/plugin-tokens';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';

const fixtures = join(packageRoot, 'test', 'fixtures', 'plugins');
const schemas = new SchemaRegistry();

function loaderOver(...dirs: string[]): PluginLoader {
  const loader = new PluginLoader(schemas, '0.1.0', container.createChildContainer());
  loader.discover(dirs.flatMap((d) => pluginFoldersIn(join(fixtures, d), 'rack')));
  return loader;
}

function statusOf(loader: PluginLoader, dir: string) {
  const p = loader.list().find((x) => x.dir.endsWith(`/${dir}`));
  assert.ok(p, `plugin folder ${dir} was discovered`);
  return p;
}

describe('PluginLoader', () => {
  it('discovers every folder and keeps loading the good ones when others are broken', () => {
    const loader = loaderOver('');
    const ok = loader.list().filter((p) => p.status === 'ok').map((p) => p.id).sort();
    assert.deepEqual(ok, ['dep-on-good', 'exports-extra', 'exports-missing', 'good-mapping', 'same-id', 'throws-on-import']);
  });

  const cases: Array<[string, string, RegExp, string?]> = [
    ['malformed-json', 'NR_JSON_MALFORMED', /line 4, column 1/],
    ['schema-violation', 'NR_PLUGIN_MANIFEST_INVALID', /semver/, '/version'],
    ['unknown-kind', 'NR_PLUGIN_KIND_UNKNOWN', /model, cv-mapping, screen-page/, '/kind'],
    ['host-incompatible', 'NR_PLUGIN_HOST_INCOMPATIBLE', />=2\.0\.0.*0\.1\.0/, '/host'],
    ['missing-entry', 'NR_PLUGIN_ENTRY_MISSING', /index\.js/, '/entry'],
    ['dup-b', 'NR_PLUGIN_DUPLICATE_ID', /dup-a\/plugin\.json/, '/id'],
    ['dep-on-missing', 'NR_PLUGIN_DEPENDENCY_MISSING', /not-installed.*not installed/, '/dependencies/not-installed'],
    ['dep-bad-version', 'NR_PLUGIN_DEPENDENCY_MISSING', /\^2\.0\.0.*1\.0\.0/, '/dependencies/good-mapping'],
  ];
  for (const [dir, code, message, pointer] of cases) {
    it(`reports ${dir} as ${code}, naming the manifest file`, () => {
      const p = statusOf(loaderOver(''), dir);
      assert.equal(p.status, 'error');
      assert.equal(p.error?.code, code);
      assert.match(p.error!.message, message);
      assert.equal(p.error?.location.file, join(fixtures, dir, 'plugin.json'));
      if (pointer) assert.equal(p.error?.location.pointer, pointer);
    });
  }

  it('loads code only on activation, in a child container of its own', async () => {
    const loader = loaderOver('good-mapping');
    const entry = require.resolve(join(fixtures, 'good-mapping', 'index.js'));
    delete require.cache[entry];
    assert.equal(require.cache[entry], undefined);
    const active = await loader.activate('good-mapping');
    assert.ok(require.cache[entry], 'entry module loaded on activation');
    assert.equal((active.module as unknown as { activatedWith: string }).activatedWith, 'good-mapping');
    assert.equal(active.container.resolve(PluginTokens.Context).manifest.id, 'good-mapping');
    const again = await loader.activate('good-mapping');
    assert.equal(again, active, 'activated once');
  });

  it('checks exports against the manifest in both directions', async () => {
    const loader = loaderOver('');
    await assert.rejects(loader.activate('exports-missing'), (e: Error & { code?: string }) => e.code === 'NR_PLUGIN_EXPORTS_MISMATCH' && /declared but not exported: double/.test(e.message));
    await assert.rejects(loader.activate('exports-extra'), /exported but not declared: triple/);
    assert.equal(statusOf(loader, 'exports-extra').status, 'error', 'a failed activation shows in the list');
  });

  it('reports an entry that throws on import, and the others still activate', async () => {
    const loader = loaderOver('');
    await assert.rejects(loader.activate('throws-on-import'), (e: Error & { code?: string }) => e.code === 'NR_PLUGIN_ENTRY_THREW' && /cannot initialise/.test(e.message));
    await loader.activate('dep-on-good');
    assert.equal(statusOf(loader, 'throws-on-import').status, 'error');
  });

  it('refuses to activate an unknown or broken plugin with a clear error', async () => {
    const loader = loaderOver('');
    await assert.rejects(loader.activate('nope'), /NR_PLUGIN_NOT_FOUND|no plugin "nope"/);
    await assert.rejects(loader.activate('host-incompatible'), /cannot be activated: NR_PLUGIN_HOST_INCOMPATIBLE/);
  });

  it('finds offers by id, optionally qualified by plugin id', () => {
    const loader = loaderOver('good-mapping');
    assert.equal(loader.findOffer('double')?.id, 'good-mapping');
    assert.equal(loader.findOffer('good-mapping/double', 'cv-mapping')?.id, 'good-mapping');
    assert.equal(loader.findOffer('double', 'model'), undefined);
  });
});
