import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { packageRoot } from '../../../core/paths';
import { loadEntryModule } from '../../../core/plugins/plugin-loader';
import type { PluginManifest } from '../../../core/plugins/plugin-manifest';

describe('neurorack/sdk for plugins outside the host package', () => {
  it("gives a plugin folder with no neurorack of its own the host's SDK: the same module, the same NeurorackError", () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-sdk-'));
    try {
      mkdirSync(join(dir, 'p'));
      writeFileSync(join(dir, 'p', 'index.js'), [
        "const sdk = require('neurorack/sdk');",
        "exports.provides = { m: { stage: 1, apply: (f) => ({ frames: f }) } };",
        "exports.sdk = sdk;",
        "exports.sdkPath = require.resolve('neurorack/sdk');",
      ].join('\n'));
      const manifest = { id: 'p', entry: 'index.js', provides: [{ id: 'm' }] } as unknown as PluginManifest;
      const mod = loadEntryModule(join(dir, 'p'), manifest, join(dir, 'p', 'plugin.json')) as unknown as { sdk: { NeurorackError: unknown }; sdkPath: string };
      assert.equal(mod.sdk.NeurorackError, NeurorackError);
      assert.equal(mod.sdkPath, join(packageRoot, 'dist', 'core', 'sdk', 'index.js'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
