import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pluginOwning } from '../../../core/host/plugin-faults';
import { packageRoot } from '../../../core/paths';
import { tempRack } from '../../helpers/temp-rack';
import { watchOutput as watch } from '../../helpers/watch-output';

/** A screen-page plugin whose `activate()` arms `fault` to run `afterMs` later, outside any caller. */
function faultyPage(root: string, id: string, fault: string, afterMs: number): string {
  const dir = join(root, id);
  mkdirSync(dir);
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify({
    id, name: id, version: '1.0.0', kind: 'screen-page', host: '>=0.1.0 <1', entry: 'index.js', author: 't', licence: 'MIT', description: 'fault fixture',
    provides: [{ id: 'faulty', title: 'Faulty' }],
  }));
  writeFileSync(join(dir, 'index.js'), `exports.provides = { faulty: { id: 'faulty', widgets: [] } };
exports.activate = () => { setTimeout(() => { ${fault} }, ${afterMs}); };`);
  return dir;
}

/** A cv-mapping plugin offering `faulty` (passes the frames through) whose `activate()` arms `fault` `afterMs` later. */
function faultyMapping(root: string, id: string, fault: string, afterMs: number): string {
  const dir = join(root, id);
  mkdirSync(dir);
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify({
    id, name: id, version: '1.0.0', kind: 'cv-mapping', host: '>=0.1.0 <1', entry: 'index.js', author: 't', licence: 'MIT', description: 'fault fixture',
    provides: [{ id: 'faulty', name: 'Faulty', drives: [{ target: 'descriptors', min: 0, max: 1, unit: 'none' }], params: [] }],
  }));
  writeFileSync(join(dir, 'index.js'), `exports.provides = { faulty: { stage: 1, apply: (frames) => ({ frames }) } };
exports.activate = () => { setTimeout(() => { ${fault} }, ${afterMs}); };`);
  return dir;
}

describe('plugin faults (issue #27): neurorack start, spawned, main thread and control thread', function () {
  this.timeout(90_000);
  let root: string;
  let child: ChildProcess | undefined;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'nr-faults-'))));
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  it('a plugin that throws from a timer and one that rejects are marked failed, named, and the host keeps serving', async () => {
    const plugins = join(root, 'plugins');
    mkdirSync(plugins);
    // Armed at activation (early in boot): one fires while the host still boots, one once it serves.
    faultyPage(plugins, 'throws-late', `throw new Error('thrown from a timer');`, 0);
    faultyPage(plugins, 'rejects-late', `Promise.reject(new Error('rejected from a timer'));`, 3000);
    const rack = tempRack({ pluginDirs: [plugins] }, 'virtual');
    child = spawn(process.execPath, [join(packageRoot, 'bin', 'neurorack.js'), 'start', '--rack', rack, '--port', '0'], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const w = watch(child);
    const url = (await w.until(/Panel: (http:\/\/\S+)/, 60_000))[1]!.replace(/\/$/, '');
    await w.until(/NR_PLUGIN_FAULT: .*plugin "throws-late" threw after activation: thrown from a timer/, 30_000);
    await w.until(/NR_PLUGIN_FAULT: .*plugin "rejects-late" rejected a promise nobody caught after activation: rejected from a timer/, 30_000);
    const until = performance.now() + 3000;
    let answered = 0;
    while (performance.now() < until) {
      const res = await fetch(`${url}/api/stats`);
      assert.equal(res.status, 200, w.out());
      await res.json();
      answered++;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(child.exitCode, null, `the host is still running; output:\n${w.out()}`);
    assert.ok(answered >= 8, `GET /api/stats answered ${answered} times in 3 s`);
  });

  it('a CV mapping that throws from a timer is marked failed and named, and the control thread keeps scanning', async () => {
    const plugins = join(root, 'plugins');
    mkdirSync(plugins);
    faultyMapping(plugins, 'mapping-throws', `throw new Error('thrown from a mapping timer');`, 2500);
    const rack = tempRack({ pluginDirs: [plugins], assignments: { cv1: 'interpolate', cv2: 'scrub', cv3: 'transient', cv4: 'mapping-throws/faulty', gate1: 'trigger', gate2: 'loop' } }, 'virtual');
    child = spawn(process.execPath, [join(packageRoot, 'bin', 'neurorack.js'), 'start', '--rack', rack, '--port', '0'], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const w = watch(child);
    const url = (await w.until(/Panel: (http:\/\/\S+)/, 60_000))[1]!.replace(/\/$/, '');
    await w.until(/NR_PLUGIN_FAULT: .*plugin "mapping-throws" threw after activation: thrown from a mapping timer/, 30_000);
    const scans = async (): Promise<number> => ((await (await fetch(`${url}/api/stats`)).json()) as { host: { tasks: Record<string, { runs: number }> } }).host.tasks['cv-scan']!.runs;
    const before = await scans();
    await new Promise((r) => setTimeout(r, 2500)); // the control thread reports its counters once a second
    const after = await scans();
    assert.equal(child.exitCode, null, `the host is still running; output:\n${w.out()}`);
    assert.doesNotMatch(w.out(), /NR_CONTROL_THREAD_FAILED/);
    assert.ok(after - before >= 200, `CV scans went on after the fault: ${before} -> ${after}`);
  });
});

describe('pluginOwning', () => {
  const folders = [{ id: 'a', dir: '/srv/plugins/a' }, { id: 'ab', dir: '/srv/plugins/ab' }];
  const errorAt = (...files: string[]) => Object.assign(new Error('x'), { stack: `Error: x\n${files.map((f) => `    at fn (${f}:1:2)`).join('\n')}` });

  it('attributes to the plugin whose folder holds the topmost frame, by whole folder names', () => {
    assert.equal(pluginOwning(errorAt('/srv/host/timers.js', '/srv/plugins/ab/index.js', '/srv/plugins/a/x.js'), folders)?.id, 'ab');
    assert.equal(pluginOwning(errorAt('/srv/plugins/abc/index.js'), folders), undefined);
  });

  it('looks through causes; an error without plugin frames or a non-error is owned by nobody', () => {
    assert.equal(pluginOwning(new Error('wrapped', { cause: errorAt('/srv/plugins/a/index.js') }), folders)?.id, 'a');
    assert.equal(pluginOwning(errorAt('node:internal/timers', '/srv/host/x.js'), folders), undefined);
    assert.equal(pluginOwning('a string', folders), undefined);
  });
});
