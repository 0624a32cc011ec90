import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../../core/paths';
import { boundaryViolations, importedSpecifiers } from '../../helpers/import-boundary';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'nr-boundary-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe('the plugin boundary (plugins import only neurorack/sdk; the core never imports a plugin)', () => {
  it('holds in this repository, both ways', () => {
    const violations = boundaryViolations(packageRoot);
    assert.deepEqual(violations, [], violations.map((v) => `${v.file}: '${v.specifier}' (${v.rule})`).join('\n'));
  });

  it('reads every way a TypeScript file can name a module', () => {
    const root = tree({ 'a.ts': [
      "import { x } from './x';", "import type { T } from '../t';", "export { y } from './y';", "export * from './z';",
      "const r = require('./r');", "async function f() { return import('./d'); }",
    ].join('\n') });
    try {
      assert.deepEqual(importedSpecifiers(join(root, 'a.ts')).sort(), ['../t', './d', './r', './x', './y', './z']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports each crossing of a tree that breaks it, and nothing that keeps it', () => {
    const root = tree({
      'core/sdk/index.ts': "export { theme } from '../ui/theme';",
      'core/ui/theme.ts': 'export const theme = {};',
      'core/cli/render.ts': "import { SincNsfModel } from '../../plugins/p/model';\nimport { theme } from '../ui/theme';",
      'core/cli/lazy.ts': "export const load = () => require('../../plugins/q/index');",
      'plugins/p/index.ts': "import { theme } from 'neurorack/sdk';\nimport { join } from 'node:path';\nimport * as fs from 'fs';\nimport * as ort from 'onnxruntime-node';\nimport { model } from './model';",
      'plugins/p/model.ts': "import { theme } from '../../core/ui/theme';\nimport type { X } from './pages/x';",
      'plugins/p/pages/x.ts': "import type { Y } from '../model';\nimport { z } from '../../q/z';",
      'plugins/q/index.ts': "import { rect } from 'neurorack/dist/core/ui/rect';\nexport const e = import('../p/index');",
    });
    try {
      assert.deepEqual(boundaryViolations(root), [
        { file: 'plugins/p/model.ts', specifier: '../../core/ui/theme', rule: 'plugin-outside-its-folder' },
        { file: 'plugins/p/pages/x.ts', specifier: '../../q/z', rule: 'plugin-outside-its-folder' },
        { file: 'plugins/q/index.ts', specifier: 'neurorack/dist/core/ui/rect', rule: 'plugin-deep-into-host-package' },
        { file: 'plugins/q/index.ts', specifier: '../p/index', rule: 'plugin-outside-its-folder' },
        { file: 'core/cli/lazy.ts', specifier: '../../plugins/q/index', rule: 'core-into-plugins' },
        { file: 'core/cli/render.ts', specifier: '../../plugins/p/model', rule: 'core-into-plugins' },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('resolves neurorack/sdk, from a built-in plugin, to the host\'s own compiled SDK', () => {
    const fromPlugin = require.resolve('neurorack/sdk', { paths: [join(packageRoot, 'dist', 'plugins', 'ui-core')] });
    assert.equal(fromPlugin, join(packageRoot, 'dist', 'core', 'sdk', 'index.js'));
  });
});
