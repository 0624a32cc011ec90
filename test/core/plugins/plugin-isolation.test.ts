import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { container } from 'tsyringe';
import { PluginLoader } from '../../../core/plugins/plugin-loader';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { runCli } from '../../helpers/run-cli';

const schemas = new SchemaRegistry();

/** A cv-mapping plugin folder offering `double`, with `code` as its entry. */
function writePlugin(root: string, id: string, code: string): string {
  const dir = join(root, id);
  mkdirSync(dir);
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify({
    id, name: id, version: '1.0.0', kind: 'cv-mapping', host: '>=0.1.0 <1', entry: 'index.js', author: 't', licence: 'MIT', description: 'isolation fixture',
    provides: [{ id: 'double', name: 'Double', drives: [{ target: 'rms', min: 0, max: 1 }] }],
  }));
  writeFileSync(join(dir, 'index.js'), code);
  return dir;
}

/** Issue #27: plugin code that hangs activation, lives outside its folder, or runs on validate. */
describe('plugin isolation', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'nr-plugins-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('marks a plugin whose activate() never settles failed after the time limit, and the others activate', async () => {
    const hang = writePlugin(root, 'hangs', 'exports.provides = { double: { map: (v) => v * 2 } }; exports.activate = () => new Promise(() => {});');
    const good = writePlugin(root, 'good', 'exports.provides = { double: { map: (v) => v * 2 } };');
    const loader = new PluginLoader(schemas, '0.1.0', container.createChildContainer(), 200);
    loader.discover([{ dir: hang, source: 'rack' }, { dir: good, source: 'rack' }]);
    const started = Date.now();
    await assert.rejects(loader.activate('hangs'), (err: { code?: string }) => err.code === 'NR_PLUGIN_ACTIVATE_TIMEOUT');
    assert.ok(Date.now() - started < 1000);
    assert.equal(loader.list().find((p) => p.id === 'hangs')?.status, 'error');
    assert.ok(await loader.activate('good'));
  });

  it('marks a plugin whose module busy-loops at import failed after the import limit (NR_PLUGIN_IMPORT_TIMEOUT naming it), without blocking the host for the loop', async () => {
    const busy = writePlugin(root, 'busy-import', 'const end = Date.now() + 30000; while (Date.now() < end) {} exports.provides = { double: { map: (v) => v * 2 } };');
    const good = writePlugin(root, 'good', 'exports.provides = { double: { map: (v) => v * 2 } };');
    const loader = new PluginLoader(schemas, '0.1.0', container.createChildContainer(), 10_000, 1500);
    loader.discover([{ dir: busy, source: 'rack' }, { dir: good, source: 'rack' }]);
    const started = Date.now();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    try {
      await assert.rejects(loader.activate('busy-import'), (err: { code?: string; message?: string; location?: { plugin?: string } }) =>
        err.code === 'NR_PLUGIN_IMPORT_TIMEOUT' && err.location?.plugin === 'busy-import' && /busy-import/.test(err.message ?? ''));
    } finally {
      clearInterval(ticker);
    }
    const took = Date.now() - started;
    assert.ok(took < 10_000, `boot waited ${took} ms for a 30 s import loop`);
    assert.ok(ticks >= 5, `the event loop ran (${ticks} ticks of 50 ms) while the import was probed`);
    assert.equal(loader.list().find((p) => p.id === 'busy-import')?.status, 'error');
    assert.ok(await loader.activate('good'));
  });

  it('refuses an entry that is a symlink to a file outside the plugin folder, without loading it', async () => {
    const marker = join(root, 'ran');
    writeFileSync(join(root, 'outside.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); exports.provides = { double: {} };`);
    const dir = writePlugin(root, 'escapes', '');
    rmSync(join(dir, 'index.js'));
    symlinkSync(join(root, 'outside.js'), join(dir, 'index.js'));
    const loader = new PluginLoader(schemas, '0.1.0', container.createChildContainer());
    loader.discover([{ dir, source: 'rack' }]);
    const p = loader.list()[0]!;
    assert.equal(p.status, 'error');
    assert.equal(p.error?.code, 'NR_PLUGIN_ENTRY_OUTSIDE');
    assert.equal(p.error?.location.pointer, '/entry');
    await assert.rejects(loader.activate('escapes'));
    assert.equal(existsSync(marker), false, 'the outside file never ran');
  });

  it('plugins validate does not run the plugin\'s code; --load does', async () => {
    const marker = join(root, 'ran');
    const dir = writePlugin(root, 'side-effect', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); exports.provides = { double: { map: (v) => v } };`);
    const checked = await runCli(['plugins', 'validate', dir]);
    assert.equal(checked.code, 0, checked.stderr);
    assert.match(checked.stdout, /the code was not run/);
    assert.equal(existsSync(marker), false, 'validate ran the entry');
    const loaded = await runCli(['plugins', 'validate', '--load', dir]);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.equal(existsSync(marker), true);
  });
});
