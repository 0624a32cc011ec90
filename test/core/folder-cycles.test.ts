import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../core/paths';
import { folderCycles } from '../helpers/folder-cycles';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'nr-cycles-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe('folders under core/ import one another without cycles (shared primitives live below their users)', () => {
  // The last cycle, core/model-runtime <-> core/sdk, ended when the model-runtime contract moved
  // below the SDK (issue #24): the SDK re-exports the core, and no core module imports the SDK.
  it('holds in this repository', () => {
    const cycles = folderCycles(packageRoot);
    const why = cycles.map((c) => `${c.folders.join(' <-> ')}:\n${c.edges.map((e) => `  ${e.file}: '${e.specifier}'`).join('\n')}`).join('\n');
    assert.deepEqual(cycles.map((c) => c.folders), [], why);
  });

  it('finds a cycle through any number of folders, type-only imports, imports of a folder (its index) and require() included, and nothing in a tree without one', () => {
    const root = tree({
      'core/a/x.ts': "import type { Y } from '../b';\nimport { sub } from './sub/s';",
      'core/b/index.ts': "export * from './y';",
      'core/a/sub/s.ts': "export { x } from '../x';",
      'core/b/y.ts': "const z = require('../c/deep/z');",
      'core/c/deep/z.ts': "import { x } from '../../a/x';\nimport { p } from '../../paths';",
      'core/paths.ts': "import { join } from 'node:path';",
      'core/d/leaf.ts': "import { y } from '../b/y';",
    });
    try {
      const [cycle, ...rest] = folderCycles(root);
      assert.deepEqual(cycle?.folders, ['core/a', 'core/b', 'core/c']);
      assert.deepEqual(rest, []);
      assert.deepEqual(cycle.edges.map((e) => `${e.file} -> ${e.to}`), ['core/a/x.ts -> core/b', 'core/b/y.ts -> core/c', 'core/c/deep/z.ts -> core/a']);
      rmSync(join(root, 'core/c/deep/z.ts'));
      writeFileSync(join(root, 'core/c/deep/z.ts'), "import { p } from '../../paths';");
      assert.deepEqual(folderCycles(root), []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
