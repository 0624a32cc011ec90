import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';

describe('.npmrc (issue #25 point 10)', function () {
  this.timeout(30_000);

  it('holds only settings npm knows, so npm calls print no "Unknown project config" warning', function () {
    const npm = spawnSync('npm', ['pkg', 'get', 'name'], { cwd: packageRoot, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'warn' } });
    if (npm.error) this.skip();
    assert.equal(npm.status, 0, npm.stderr);
    assert.doesNotMatch(npm.stderr, /Unknown project config/);
  });

  it('npm run -s neurorack -- ... (the form the README gives) runs the CLI on the pinned Node with no npm warning, whatever Node npm runs on (README walk)', function () {
    const npm = spawnSync('npm', ['run', '-s', 'neurorack', '--', '--version'], { cwd: packageRoot, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'warn' } });
    if (npm.error) this.skip();
    assert.equal(npm.status, 0, npm.stderr);
    assert.doesNotMatch(npm.stderr, /EBADENGINE|npm warn/i);
    assert.match(npm.stdout, /\d+\.\d+\.\d+/);
  });

  it('leaves the onnxruntime-node download switched off in the set-up, through its environment variable', () => {
    assert.match(readFileSync(join(packageRoot, 'scripts', 'setup.sh'), 'utf8'), /^export ONNXRUNTIME_NODE_INSTALL=skip$/m);
  });
});
