import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { packageRoot } from '../../../core/paths';
import { runCli } from '../../helpers/run-cli';
import { tempRack } from '../../helpers/temp-rack';

const fixtures = join(packageRoot, 'test', 'fixtures', 'plugins');

describe('neurorack plugins', () => {
  it('list --json shows every plugin with id, kind, version and status, errors included', async () => {
    const rack = tempRack({ pluginDirs: [fixtures] });
    const r = await runCli(['plugins', 'list', '--json', '--rack', rack]);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Array<{ id: string; kind: string; version: string; status: string; error?: string }>;
    const good = rows.find((x) => x.id === 'good-mapping');
    assert.deepEqual({ kind: good?.kind, version: good?.version, status: good?.status }, { kind: 'cv-mapping', version: '1.0.0', status: 'ok' });
    const bad = rows.find((x) => x.id === 'host-incompatible');
    assert.equal(bad?.status, 'error');
    assert.match(bad!.error!, /NR_PLUGIN_HOST_INCOMPATIBLE/);
    assert.ok(rows.filter((x) => x.status === 'error').every((x) => typeof x.error === 'string'));
  });

  it('validate exits 0 for a good plugin', async () => {
    const r = await runCli(['plugins', 'validate', join(fixtures, 'good-mapping')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ok: good-mapping 1\.0\.0/);
  });

  it('validate of a built-in plugin\'s TypeScript source folder says to validate the built one', async () => {
    const r = await runCli(['plugins', 'validate', join(packageRoot, 'plugins', 'cv-mappings-core')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NR_PLUGIN_ENTRY_MISSING: .*index\.js does not exist .*; index\.ts is there: .*dist\/plugins\//);
  });

  const bad: Array<[string, RegExp, string[]?]> = [
    ['schema-violation', /schema-violation\/plugin\.json at \/version: .*semver/],
    ['malformed-json', /malformed-json\/plugin\.json: not valid JSON/],
    ['unknown-kind', /at \/kind: unknown kind "synthesizer"; expected one of/],
    ['host-incompatible', /at \/host: plugin needs host >=2\.0\.0/],
    ['missing-entry', /at \/entry: entry file index\.js does not exist/],
    ['throws-on-import', /at \/entry: loading index\.js threw: fixture: cannot initialise/, ['--load']],
    ['exports-missing', /at \/provides: manifest and index\.js disagree/, ['--load']],
  ];
  for (const [dir, message, extra = []] of bad) {
    it(`validate ${extra.join(' ')}${extra.length ? ' ' : ''}exits 2 for ${dir}, naming the manifest and the field`, async () => {
      const r = await runCli(['plugins', 'validate', ...extra, join(fixtures, dir)]);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
    });
  }

  it('validate exits 2 for a folder without plugin.json', async () => {
    const r = await runCli(['plugins', 'validate', fixtures]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NR_PLUGIN_MANIFEST_MISSING/);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await runCli(['plugins', 'validate'])).code, 2);
    assert.equal((await runCli(['plugins', 'list', '--profile', 'nope'])).code, 2);
    assert.equal((await runCli(['no-such-command'])).code, 2);
  });
});
