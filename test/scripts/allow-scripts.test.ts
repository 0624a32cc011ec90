import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';

interface LockEntry {
  readonly version?: string;
  readonly hasInstallScript?: boolean;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(packageRoot, file), 'utf8')) as T;
}

/**
 * npm 11.16 and later print "N packages have install scripts not yet covered by allowScripts" on
 * `npm ci` and `npm rebuild` (set-up's steps), and npm 12 skips those scripts: the native modules
 * set-up builds (canvas, naudiodon, the bus drivers) would not be built at all.
 */
describe("package.json's allowScripts (issue #25, the README walk)", () => {
  it('approves every package of the lockfile that has an install script, by name', () => {
    const allowed = readJson<{ allowScripts?: Record<string, boolean> }>('package.json').allowScripts ?? {};
    const lock = readJson<{ packages: Record<string, LockEntry> }>('package-lock.json');
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    assert.ok(withScripts.includes('canvas'), 'the lockfile marks packages with install scripts');
    const missing = [...new Set(withScripts)].filter((name) => allowed[name] !== true);
    assert.deepEqual(missing, [], 'approve them with `npm install-scripts approve --no-allow-scripts-pin NAME`');
  });
});
