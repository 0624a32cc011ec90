import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli';
import { expectGolden, readPng } from './golden';

describe('neurorack screenshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nr-shot-'));

  it('renders a page offline to a 240x240 PNG that matches the golden', async () => {
    const out = join(dir, 'models.png');
    const r = await runCli(['screenshot', '--page', 'models', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const png = readPng(out);
    assert.deepEqual([png.width, png.height], [240, 240]);
    expectGolden('models', png.data);
  });

  it('takes a partial HostView as --state', async () => {
    const state = join(dir, 'state.json');
    writeFileSync(state, JSON.stringify({ phase: 'booting', boot: { progress: 0.6, step: 'Loading model darbuka-v2' } }));
    const out = join(dir, 'boot.png');
    assert.equal((await runCli(['screenshot', '--page', 'boot', '--state', state, '--out', out])).code, 0);
    expectGolden('boot', readPng(out).data);
  });

  it('exits 2 naming the problem for an unknown page or a bad state file', async () => {
    const unknown = await runCli(['screenshot', '--page', 'nope', '--out', join(dir, 'x.png')]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /NR_UI_PAGE_UNKNOWN: no screen page "nope"/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ cvs: 3 }));
    const r = await runCli(['screenshot', '--state', bad, '--out', join(dir, 'x.png')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NR_UI_STATE_INVALID: .*bad\.json at \/cvs: expected array, got number/);
    assert.equal((await runCli(['screenshot', '--page', 'models'])).code, 2, 'no --out');
  });
});
