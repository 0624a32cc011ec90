import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../../core/paths';
import { threadBundle, type ThreadBundle } from '../../../core/threads/thread-bundles';
import { inFreshNode, LOADED_MODULES } from '../../helpers/fresh-node';

const BUNDLES: readonly ThreadBundle[] = ['neurorack-cli', 'control-thread', 'audio-thread', 'bank-thread'];

/** In a fresh Node: runs the bundled command line with `args`; what it printed, its exit code and the compiled files it loaded. */
function runBundledCli(args: readonly string[]): { code: number; out: string; loaded: string[]; sdkChildren: number | null } {
  return inFreshNode(`
    require('reflect-metadata');
    let out = '';
    require(${JSON.stringify(threadBundle('neurorack-cli'))}).main(${JSON.stringify(args)}, { stdout: { write(s) { out += s; } }, stderr: process.stderr, cwd: process.cwd() })
      .then((code) => {
        const sdk = require.cache[require('node:path').join(process.cwd(), 'dist/core/sdk/index.js')];
        console.log(JSON.stringify({ code, out, loaded: ${LOADED_MODULES}.filter((f) => f.startsWith('dist/')), sdkChildren: sdk ? sdk.children.length : null }));
      });
  `) as { code: number; out: string; loaded: string[]; sdkChildren: number | null };
}

describe('thread bundles (scripts/bundle-threads.js)', function () {
  this.timeout(120_000);

  it("builds one file for each thread a host boots on; each module's own folder in it is the compiled module's", () => {
    for (const name of BUNDLES) {
      const file = threadBundle(name);
      assert.ok(existsSync(file), `${file} is built`);
      const text = readFileSync(file, 'utf8');
      const folders = [...text.matchAll(/var __dirname = require\("node:path"\)\.join\(__neurorackBundleDir, "([^"]*)"\)/g)].map((m) => m[1]!);
      for (const rel of folders) assert.ok(existsSync(join(dirname(file), rel)), `${name} names ${rel}, which exists`);
      if (name === 'control-thread') assert.ok(folders.includes('../core'), 'paths.ts finds the package root from its own folder');
    }
  });

  it("leaves a scaffold's templates as they are (a generated plugin's test names its own folder)", () => {
    const text = readFileSync(threadBundle('neurorack-cli'), 'utf8');
    assert.ok(text.includes("const EXAMPLE = join(__dirname, '..', 'example-model');"));
  });

  it('runs the command line from its bundle: the folders its modules name are the compiled ones', () => {
    const run = runBundledCli(['plugins', 'list']);
    assert.equal(run.code, 0);
    for (const id of ['cv-mappings-core', 'model-frave', 'model-sinc-nsf', 'ui-core']) assert.match(run.out, new RegExp(`ok +${id} `), `lists ${id} from ${join(packageRoot, 'dist', 'plugins')}`);
    assert.deepEqual(run.loaded.filter((f) => f.startsWith('dist/core/')), ['dist/core/schemas/compiled-validators.js', 'dist/core/schemas/schema-formats.js'], 'only the schema validators the build compiled load from their own files');
  });

  it("gives a plugin the bundle's own SDK: the plugin loads, and the compiled core does not load beside the bundle", () => {
    const run = runBundledCli(['plugins', 'validate', '--load', join(packageRoot, 'dist', 'plugins', 'cv-mappings-core')]);
    assert.equal(run.code, 0, run.out);
    assert.match(run.out, /^ok: cv-mappings-core /);
    assert.ok(run.loaded.includes('dist/plugins/cv-mappings-core/index.js'), 'the plugin was imported');
    // The SDK's index is in the module cache, entered with the bundle's exports: it required nothing itself.
    assert.equal(run.sdkChildren, 0, 'the SDK a plugin gets was not loaded from the compiled files');
    assert.deepEqual(run.loaded.filter((f) => f.startsWith('dist/core/') && !f.startsWith('dist/core/schemas/')), ['dist/core/sdk/index.js']);
  });
});
