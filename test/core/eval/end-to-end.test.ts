import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildDataset } from '../../../core/dataset';
import { packageRoot } from '../../../core/paths';
import { runCli } from '../../helpers/run-cli';
import { DESCRIPTOR_ORDER } from '../../../core/descriptors/descriptor-matrix';

const python = process.env['NEURORACK_PYTHON'] ?? '/usr/bin/python3';
const TINY = JSON.stringify({ hidden: 4, harmonic_blocks: 1, harmonic_convs: 2, noise_blocks: 1, noise_convs: 2, cond_layers: 1 });

function hasTorch(): boolean {
  const r = spawnSync(python, ['-c', 'import torch, onnx, numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

function py(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(python, [path.join(packageRoot, 'training', 'train.py'), ...args], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dataset -> training -> export -> eval, end to end', function () {
  this.timeout(600_000);

  before(function () {
    if (!hasTorch()) {
      console.log(`      (skipped: ${python} lacks torch/onnx/numpy; install Debian's python3-torch and python3-onnx, or set NEURORACK_PYTHON)`);
      this.skip();
    }
  });

  it('builds a small dataset, trains a tiny model a few steps, exports it and scores it with neurorack eval', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'neurorack-e2e-'));
    const data = path.join(root, 'data');
    const run = path.join(root, 'run');
    const model = path.join(root, 'models', 'tiny-e2e');
    const m = await buildDataset({ outDir: data, synth: { count: 6, seed: 11 }, validationPermille: 200 });
    assert.ok(m.totals.train >= 3);

    const t = py(['train', '--data', data, '--run', run, '--config', TINY, '--steps', '3', '--batch', '2', '--segment-frames', '8', '--threads', '1', '--checkpoint-every', '2']);
    assert.equal(t.status, 0, t.stderr);
    assert.equal(JSON.parse(t.stdout.trim().split('\n').pop()!).step, 3);
    const log = fs.readFileSync(path.join(run, 'log.csv'), 'utf8').trim().split('\n');
    assert.equal(log.length, 4);

    // resuming with another architecture is refused, with the field named, and exits 2
    const bad = py(['train', '--data', data, '--run', run, '--config', JSON.stringify({ ...JSON.parse(TINY), hidden: 8 }), '--steps', '4']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cannot resume.*hidden: checkpoint 4, asked 8/);

    const e = py(['export', '--run', run, '--out', model, '--id', 'tiny-e2e', '--name', 'Tiny end-to-end']);
    assert.equal(e.status, 0, e.stderr);
    for (const f of ['manifest.json', 'model.onnx', 'golden.json', 'README.md']) assert.ok(fs.existsSync(path.join(model, f)), f);

    // a second export without --replace fails and leaves the folder as it was
    const before = fs.readFileSync(path.join(model, 'manifest.json'), 'utf8');
    const again = py(['export', '--run', run, '--out', model, '--id', 'tiny-e2e', '--name', 'Tiny end-to-end']);
    assert.equal(again.status, 1);
    assert.equal(fs.readFileSync(path.join(model, 'manifest.json'), 'utf8'), before);

    const setDir = path.join(root, 'set');
    fs.mkdirSync(setDir);
    const wavs = path.join(root, 'wavs');
    const s = await runCli(['synth-impacts', '--count', '2', '--seed', '99', '--out', wavs]);
    assert.equal(s.code, 0, s.stderr);
    const r = await runCli(['eval', model, '--set', wavs, '--original', 'none', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { files: number; model: { model: string; descriptors: Record<string, { correlation: number; medianAbsLogRatio: number }>; spectralDistance: number }; original: unknown };
    assert.equal(doc.files, 2);
    assert.equal(doc.model.model, 'tiny-e2e');
    assert.equal(doc.original, null);
    assert.ok(Number.isFinite(doc.model.spectralDistance));
    for (const name of [...DESCRIPTOR_ORDER]) assert.ok(Number.isFinite(doc.model.descriptors[name].medianAbsLogRatio), name);
    const text = await runCli(['eval', model, '--set', wavs, '--original', 'none']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /rms\s+-?\d\.\d{3}/);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
