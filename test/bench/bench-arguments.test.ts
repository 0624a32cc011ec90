import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The compiled benches (dist/bench), run as `npm run bench:*` runs them. */
const BENCH = join(__dirname, '..', '..', 'bench');

function run(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(BENCH, script), ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bench arguments: a bad one is named with the usage, before anything starts', () => {
  for (const [script, name] of [['soak-start.js', 'bench:soak-start'], ['patches.js', 'bench:patches']] as const) {
    it(`${name}: an unknown option exits 2 naming it, with the usage and no stack`, () => {
      const r = run(script, ['--minuets', '5']);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`^${name}: .*'--minuets'`));
      assert.match(r.stderr, /usage: npm run bench:/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    });

    it(`${name}: --help prints the usage and exits 0`, () => {
      const r = run(script, ['--help']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^usage: npm run bench:/);
    });
  }

  it('bench:soak-start: a minute count that is not a positive number is refused with the usage', () => {
    const r = run('soak-start.js', ['--minutes', 'ten']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--minutes and --row-seconds take a positive number \(got ten, 60\)/);
  });
});
