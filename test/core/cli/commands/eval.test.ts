import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadImage } from 'canvas';
import { runCli } from '../../../helpers/run-cli';
import { tempDir } from '../../banks/bank-fixture';

/** `neurorack eval --plot` with the shipped model on two generated impacts (no torch needed). */
describe('neurorack eval --plot', function () {
  this.timeout(120_000);
  let work: string;

  before(async function () {
    work = tempDir('cli-eval-plot');
    const s = await runCli(['synth-impacts', '--count', '2', '--seed', '5', '--out', 'set'], work);
    assert.equal(s.code, 0, s.stderr);
  });

  it('writes a PNG with a row per sound beside the scores', async function () {
    const r = await runCli(['eval', 'sinc-nsf-impacts-v1', '--set', 'set', '--original', 'none', '--json', '--plot', 'curves.png'], work);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).files, 2);
    assert.match(r.stderr, /plot: .*curves\.png/);
    const img = await loadImage(fs.readFileSync(path.join(work, 'curves.png')));
    assert.equal(img.height, 58 + 2 * 112 + 8, 'two sounds: a header and two rows');
  });

  it('refuses a plot name that is not .png before rendering anything', async function () {
    const r = await runCli(['eval', 'sinc-nsf-impacts-v1', '--set', 'set', '--original', 'none', '--plot', 'curves.jpg'], work);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NR_USAGE.*\.png/);
    assert.equal(r.stdout, '');
  });

  it('prints the scores even when the plot cannot be written, then fails with NR_EVAL_FAILED', async function () {
    const r = await runCli(['eval', 'sinc-nsf-impacts-v1', '--set', 'set', '--original', 'none', '--plot', path.join('no-such-folder', 'curves.png')], work);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /NR_EVAL_FAILED.*cannot write the plot/);
    assert.match(r.stdout, /rolloff\s+-?\d\.\d{3}/);
  });
});
