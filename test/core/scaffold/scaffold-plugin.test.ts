import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { hostVersion } from '../../../core/host-version';
import { scaffoldNames, scaffoldPlugin, TEMPLATES } from '../../../core/scaffold/scaffold-plugin';
import { runCli } from '../../helpers/run-cli';

describe('plugin new (scaffolding)', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'nr-scaffold-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('derives the package name, a title within 24 characters and a host range up to the next major', () => {
    assert.deepEqual(scaffoldNames('grain-cloud', '0.1.0'), { name: 'grain-cloud', title: 'Grain cloud', packageName: 'neurorack-plugin-grain-cloud', hostRange: '>=0.1.0 <1' });
    assert.equal(scaffoldNames('a-very-long-plugin-name-indeed', '2.3.4').title, 'A very long plugin name');
    assert.equal(scaffoldNames('x', '2.3.4').hostRange, '>=2.3.0 <3');
  });

  it('writes, for each kind, a manifest whose kind and offer match the template and a package the host discovers', () => {
    for (const kind of Object.keys(TEMPLATES)) {
      const dir = join(root, kind);
      const { files } = scaffoldPlugin(kind, `my-${kind}`, dir, hostVersion, 'Ada');
      assert.ok(files.includes('plugin.json') && files.includes('index.js') && files.includes('README.md') && files.includes(`test/my-${kind}.test.js`), files.join(', '));
      const manifest = JSON.parse(readFileSync(join(dir, 'plugin.json'), 'utf8'));
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      assert.equal(manifest.kind, kind);
      assert.deepEqual(manifest.provides.map((p: { id: string }) => p.id), [`my-${kind}`]);
      assert.equal(pkg.name, `neurorack-plugin-my-${kind}`);
      assert.equal(manifest.author, 'Ada');
      assert.match(readFileSync(join(dir, 'index.js'), 'utf8'), /require\('neurorack\/sdk'\)/);
      assert.doesNotMatch(readFileSync(join(dir, 'index.js'), 'utf8'), /__NAME__|__TITLE__|__PACKAGE__/);
    }
  });

  it('refuses an unknown kind, a name that is not a plugin id and an empty author with NR_USAGE', () => {
    const code = (f: () => unknown) => { try { f(); return 'none'; } catch (err) { return (err as NeurorackError).code; } };
    assert.equal(code(() => scaffoldPlugin('synth', 'x', join(root, 'a'), hostVersion, 'Ada')), 'NR_USAGE');
    assert.equal(code(() => scaffoldPlugin('model', 'Bad_Name', join(root, 'b'), hostVersion, 'Ada')), 'NR_USAGE');
    assert.equal(code(() => scaffoldPlugin('model', '-x', join(root, 'c'), hostVersion, 'Ada')), 'NR_USAGE');
    assert.equal(code(() => scaffoldPlugin('model', 'x', join(root, 'd'), hostVersion, ' ')), 'NR_USAGE');
    assert.deepEqual(readdirSync(root), [], 'nothing was written');
  });

  it('refuses a folder that holds files (NR_PLUGIN_SCAFFOLD_EXISTS), leaving it as it was; an empty one is filled', () => {
    const full = join(root, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'mine.txt'), 'keep');
    assert.throws(() => scaffoldPlugin('cv-mapping', 'x', full, hostVersion, 'Ada'), (err: NeurorackError) => err.code === 'NR_PLUGIN_SCAFFOLD_EXISTS' && err.location.file === full);
    assert.deepEqual(readdirSync(full), ['mine.txt']);
    assert.deepEqual(readdirSync(root), ['full'], 'no staging folder is left behind');
    const empty = join(root, 'empty');
    mkdirSync(empty);
    scaffoldPlugin('cv-mapping', 'x', empty, hostVersion, 'Ada');
    assert.ok(existsSync(join(empty, 'plugin.json')));
  });

  it('the command writes ./neurorack-plugin-NAME by default, --out elsewhere, and exits 2 on a bad kind', async () => {
    const r = await runCli(['plugin', 'new', '--kind', 'screen-page', 'meters', '--author', 'Ada'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(root, 'neurorack-plugin-meters', 'plugin.json')));
    const out = await runCli(['plugin', 'new', '--kind', 'model', 'm', '--out', 'elsewhere', '--author', 'Ada'], root);
    assert.equal(out.code, 0, out.stderr);
    assert.ok(existsSync(join(root, 'elsewhere', 'example-model', 'manifest.json')));
    const bad = await runCli(['plugin', 'new', '--kind', 'synth', 'x'], root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /NR_USAGE.*expected --kind to be one of model, cv-mapping, screen-page/);
  });
});
