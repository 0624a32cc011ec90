import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildContainer } from '../../../core/container/build-container';
import { Tokens } from '../../../core/container/tokens';
import { resolveMappings } from '../../../core/engine/resolve-mappings';
import { findModelRuntime } from '../../../core/model-packages/model-runtimes';
import { readWavFile } from '../../../core/audio/wav-read';
import { packageRoot } from '../../../core/paths';
import type { CvMapping } from '../../../core/sdk';
import { runCli } from '../../helpers/run-cli';

const NEURORACK = join(packageRoot, 'bin', 'neurorack.js');
const TSC = join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const KINDS = ['model', 'cv-mapping', 'screen-page'] as const;
const nameOf = (kind: string) => `e2e-${kind}`;

/** Runs a command to completion; a failure shows its output. */
function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', ...env } });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} in ${cwd} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * The whole path of issue 24's scaffolding: `plugin new` for each kind, `plugins validate` as
 * written, the package's own test and type check against neurorack/sdk, `npm pack`, `npm install`
 * of the tarballs into a temporary project beside the host, `plugins list` from that project (each
 * listed ok, from npm), and each plugin played through the host's loader.
 */
describe('a scaffolded plugin of each kind, packed and installed beside the host', function () {
  // npm and tsc run as child processes: about a minute on a quiet machine, several on a loaded one.
  this.timeout(600_000);
  let root: string;
  let project: string;
  const installed = (kind: string) => join(project, 'node_modules', `neurorack-plugin-${nameOf(kind)}`);

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'nr-scaffold-e2e-'));
    // What `npm install --no-save <host>` gives an author: the SDK (and its types) for tests and type checks.
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(packageRoot, join(root, 'node_modules', 'neurorack'));
    symlinkSync(join(packageRoot, 'node_modules', '@types'), join(root, 'node_modules', '@types'));
    project = join(root, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'rack-project', version: '1.0.0', private: true }));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes each kind, which passes `plugins validate --load` as written', async () => {
    for (const kind of KINDS) {
      const r = await runCli(['plugin', 'new', '--kind', kind, nameOf(kind), '--out', join(root, 'src', nameOf(kind)), '--author', 'Test']);
      assert.equal(r.code, 0, r.stderr);
      const v = await runCli(['plugins', 'validate', join(root, 'src', nameOf(kind)), '--load']);
      assert.equal(v.code, 0, v.stderr);
      assert.match(v.stdout, new RegExp(`ok: ${nameOf(kind)} 0\\.1\\.0 \\(${kind}, provides ${nameOf(kind)}\\)`));
    }
  });

  it("passes its own test (npm test) and its entry type-checks against neurorack/sdk's declarations", () => {
    for (const kind of KINDS) {
      const dir = join(root, 'src', nameOf(kind));
      assert.match(run('npm', ['test', '--silent'], dir), /(#|ℹ) fail 0/);
      run(process.execPath, [TSC, '-p', 'tsconfig.json'], dir);
    }
  });

  it('the type check fails when the entry breaks the SDK contract (so it checks something)', () => {
    const dir = join(root, 'broken');
    execFileSync('cp', ['-r', join(root, 'src', nameOf('cv-mapping')), dir]);
    const entry = join(dir, 'index.js');
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('return { frames: frames.map(', 'return { playhead: "start", frames: frames.map('));
    const r = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stdout, /index\.js.*error TS2322/);
  });

  it('packs with npm pack, installs into a project, and `plugins list` there shows each ok from npm', () => {
    const packs = join(root, 'packs');
    mkdirSync(packs);
    for (const kind of KINDS) run('npm', ['pack', '--silent', '--pack-destination', packs], join(root, 'src', nameOf(kind)));
    const tarballs = readdirSync(packs).sort();
    assert.deepEqual(tarballs, KINDS.map((k) => `neurorack-plugin-${nameOf(k)}-0.1.0.tgz`).sort());
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs.map((t) => join(packs, t))], project);
    assert.ok(existsSync(join(installed('model'), 'example-model', 'manifest.json')), 'the model package ships its example folder');
    assert.ok(!existsSync(join(installed('model'), 'test')), 'tests are not packed');
    const rows = JSON.parse(run(process.execPath, [NEURORACK, 'plugins', 'list', '--json'], project)) as Array<{ id: string; kind: string; status: string; source: string; error?: string }>;
    for (const kind of KINDS) {
      const row = rows.find((r) => r.id === nameOf(kind));
      assert.ok(row, `${nameOf(kind)} is listed`);
      assert.deepEqual({ kind: row.kind, status: row.status, source: row.source }, { kind, status: 'ok', source: 'npm' }, row.error);
    }
  });

  it('plays once installed: the runtime renders its example model, the mapping drives a jack, the page draws', async () => {
    const c = buildContainer({ profile: 'test' }, { nodeModules: [join(project, 'node_modules')] });
    const loader = c.resolve(Tokens.Plugins);

    const runtime = await findModelRuntime(loader, nameOf('model'), { what: 'the test' });
    const model = await runtime.load(join(installed('model'), 'example-model'), { warmUp: true });
    const audio = await model.render(Array.from({ length: 16 }, () => [...model.neutralFrame]), 3);
    assert.equal(audio.length, 16 * model.hop);
    assert.ok(audio.every(Number.isFinite) && audio.some((v) => v !== 0));
    await model.dispose();

    const { slots, params } = await resolveMappings(loader, { 1: `${nameOf('cv-mapping')}/${nameOf('cv-mapping')}` }, (err) => assert.fail(err.describe()));
    assert.equal(slots[0]!.mappingId, `${nameOf('cv-mapping')}/${nameOf('cv-mapping')}`);
    assert.deepEqual(params.get(1), { depth: 0.5 });
    const mapping = (await loader.activate(nameOf('cv-mapping'))).module.provides[nameOf('cv-mapping')] as CvMapping;
    const ctx = { volts: 5, amount: 1, bipolar: 1, range: { min: -5, max: 5 }, entryA: [], entryB: [], history: new Float64Array(0), historyHz: 100, seed: 0, params: params.get(1)! };
    assert.equal(mapping.apply([[0.2, 0, 0, 0, 0, 0, 100]], ctx).frames![0]![0], 0.2 * 1.5);

    const png = join(root, 'page.png');
    const shot = run(process.execPath, [NEURORACK, 'screenshot', '--page', `${nameOf('screen-page')}/${nameOf('screen-page')}`, '--plugins', installed('screen-page'), '--out', png], project);
    assert.match(shot, /\(240x240\)/);
    assert.ok(readFileSync(png).length > 1000);

    const wav = join(root, 'model.wav');
    const rendered = run(process.execPath, [NEURORACK, 'render', '--model', join(installed('model'), 'example-model'), '--bank', 'cinematic-booms', '--entry', '0', '--out', wav], project);
    assert.match(rendered, /wrote .*model\.wav: \d+\.\d+ s at 22050 Hz/);

    const bench = JSON.parse(run(process.execPath, [NEURORACK, 'model', 'bench', join(installed('model'), 'example-model'), '--json'], project));
    assert.equal(bench.model, `${nameOf('model')}-example`);
    assert.equal(bench.block_source, 'render', 'the scaffolded runtime has no renderInto: its blocks are offline renders');
    assert.deepEqual(bench.blocks.map((b: { frames: number }) => b.frames), [4, 8, 16, 32]);
  });

  it('the host plays the installed runtime\'s model from the user model folder: a gate in a replay sounds', () => {
    const models = join(root, 'user-models');
    mkdirSync(models);
    execFileSync('cp', ['-r', join(installed('model'), 'example-model'), join(models, 'example')]);
    writeFileSync(join(root, 'gate.json'), JSON.stringify({ duration_s: 1.5, events: [{ t: 0, type: 'cv', jack: 1, volts: -5 }, { t: 0.2, type: 'gate', jack: 1, state: 'high' }, { t: 0.3, type: 'gate', jack: 1, state: 'low' }] }));
    const wav = join(root, 'played.wav');
    const out = run(process.execPath, [NEURORACK, 'run', '--profile', 'test', '--replay', join(root, 'gate.json'), '--model', `${nameOf('model')}-example`,
      '--bank', 'wood-and-skins', '--entry-a', 'membrane-0005', '--entry-b', 'membrane-0003', '--record', wav, '--metrics', join(root, 'played.json')], project, { NEURORACK_MODELS_DIR: models });
    assert.match(out, new RegExp(`model ${nameOf('model')}-example: xruns 0, gates 1`));
    const { mono, sampleRate } = readWavFile(wav);
    const peak = (from: number, to: number) => mono.subarray(Math.round(from * sampleRate), Math.round(to * sampleRate)).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    assert.equal(peak(0, 0.19), 0, 'silent before the gate');
    assert.ok(peak(0.2, 1.5) > 0.01, `sounds after the gate (peak ${peak(0.2, 1.5)})`);
  });
});
