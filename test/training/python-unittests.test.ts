import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { packageRoot } from '../../core/paths';

const python = process.env['NEURORACK_PYTHON'] ?? '/usr/bin/python3';

/**
 * The training code's own unit tests (training/test_*.py and training/tests/): the architecture,
 * the original checkpoint's import and its formulation, the losses, the training loop. They run
 * under Debian's PyTorch; without it they are skipped with a message, as the other training tests.
 */
describe('training: the Python unit tests', function () {
  this.timeout(900_000);

  before(function () {
    const r = spawnSync(python, ['-c', 'import torch, onnx, numpy'], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`      (skipped: ${python} lacks torch/onnx/numpy; install Debian's python3-torch and python3-onnx, or set NEURORACK_PYTHON)`);
      this.skip();
    }
  });

  it('python -m unittest discover training passes', () => {
    const training = path.join(packageRoot, 'training');
    const r = spawnSync(python, ['-m', 'unittest', 'discover', '-s', training, '-t', training, '-p', 'test_*.py'], {
      cwd: training, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    const summary = r.stderr.trim().split('\n').slice(-3).join(' | ');
    assert.equal(r.status, 0, `unittest failed:\n${r.stderr.slice(-4000)}`);
    const ran = /Ran (\d+) tests?/.exec(r.stderr);
    assert.ok(ran && Number(ran[1]) >= 20, `expected the training tests to run (${summary})`);
  });
});
