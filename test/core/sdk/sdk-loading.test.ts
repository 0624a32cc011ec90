import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../core/paths';

/** In a fresh Node, from a script file (`node -e` loads crypto itself): which of Node's modules `script` left loaded. */
function builtinsAfter(script: string): { crypto: boolean; childProcess: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'nr-sdk-loading-'));
  try {
    const file = join(dir, 'probe.js');
    writeFileSync(file, `${script}\nconsole.log(JSON.stringify({ crypto: process.moduleLoadList.includes('NativeModule crypto'), childProcess: process.moduleLoadList.includes('NativeModule child_process') }));\n`);
    return JSON.parse(execFileSync(process.execPath, [file], { cwd: packageRoot, encoding: 'utf8', timeout: 60_000 }).trim().split('\n').pop()!) as { crypto: boolean; childProcess: boolean };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SDK = JSON.stringify(join(packageRoot, 'dist', 'core', 'sdk', 'index.js'));

describe('what loading the SDK costs a thread (a model thread loads it before its session)', function () {
  this.timeout(60_000);

  it("loads neither Node's crypto nor child_process until something hashes or runs chrt", () => {
    assert.deepEqual(builtinsAfter(`require(${SDK});`), { crypto: false, childProcess: false });
  });

  it('loads crypto the first time it hashes, and hashes as before', () => {
    const seen = builtinsAfter(`
      const { sha256 } = require(${JSON.stringify(join(packageRoot, 'dist', 'core', 'files', 'sha256.js'))});
      const hex = sha256().update('abc').digest('hex');
      if (hex !== 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad') throw new Error('sha256 of abc is ' + hex);
    `);
    assert.equal(seen.crypto, true);
  });
});
