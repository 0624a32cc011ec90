import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../helpers/run-cli';
import { tempDir } from '../../banks/bank-fixture';

describe('neurorack synth-impacts', function () {
  it('writes count WAV + JSON pairs, the same bytes for the same seed', async function () {
    const work = tempDir('cli-synth');
    const a = await runCli(['synth-impacts', '--count', '4', '--seed', '77', '--out', 'a'], work);
    const b = await runCli(['synth-impacts', '--count', '4', '--seed', '77', '--out', 'b'], work);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(a.stderr, '', 'no progress bar when stderr is not a terminal');
    const names = fs.readdirSync(path.join(work, 'a')).sort();
    assert.equal(names.filter((n) => n.endsWith('.wav')).length, 4);
    assert.equal(names.filter((n) => n.endsWith('.json')).length, 4);
    for (const n of names) assert.ok(fs.readFileSync(path.join(work, 'a', n)).equals(fs.readFileSync(path.join(work, 'b', n))), n);
  });

  it('cycles through the categories asked for', async function () {
    const work = tempDir('cli-synth-cat');
    const r = await runCli(['synth-impacts', '--count', '3', '--seed', '1', '--category', 'glass,membrane', '--out', 'o'], work);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(path.join(work, 'o')).filter((n) => n.endsWith('.wav')).sort(), ['glass-0000.wav', 'glass-0002.wav', 'membrane-0001.wav']);
  });

  for (const [what, args] of [
    ['an unknown category', ['--count', '2', '--seed', '1', '--category', 'metal,plastic', '--out', 'x']],
    ['a negative count', ['--count', '-3', '--seed', '1', '--out', 'x']],
    ['a seed that is not a number', ['--count', '2', '--seed', 'abc', '--out', 'x']],
    ['no --out', ['--count', '2', '--seed', '1']],
  ] as const) {
    it(`exits 2 for ${what}, writing nothing`, async function () {
      const work = tempDir('cli-synth-bad');
      const r = await runCli(['synth-impacts', ...args], work);
      assert.equal(r.code, 2, r.stderr);
      assert.deepEqual(fs.readdirSync(work), []);
    });
  }
});
