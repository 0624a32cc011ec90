import { strict as assert } from 'node:assert';
import { runCli } from '../../helpers/run-cli';

describe('--help marks required options (issue #25)', () => {
  for (const [argv, option] of [
    [['bank', 'create', '--help'], '--out <dir>'],
    [['bank', 'pack', '--help'], '--out <file>'],
    [['render', '--help'], '--out <file>'],
  ] as const) {
    it(`${argv.slice(0, -1).join(' ')}: ${option} is marked (required)`, async () => {
      const r = await runCli([...argv]);
      assert.equal(r.code, 0);
      const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith(option));
      assert.ok(line, r.stdout);
      assert.match(line, /\(required\)/);
    });
  }

  it('screenshot: --out, required unless --list, says so (README walk)', async () => {
    const r = await runCli(['screenshot', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout.split('\n').find((l) => l.trimStart().startsWith('--out <file>')) ?? '', /required unless --list/);
  });

  it('leaves optional options unmarked', async () => {
    const r = await runCli(['render', '--help']);
    assert.doesNotMatch(r.stdout.split('\n').find((l) => l.includes('--seed'))!, /required/);
  });
});
