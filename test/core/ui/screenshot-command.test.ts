import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedHostView } from '../../../core/host/shipped-host-view';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import { runCli } from '../../helpers/run-cli';
import { diffPixels, expectGolden, readPng } from './golden';
import { renderOffline } from './offline-render';

describe('neurorack screenshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nr-shot-'));

  it('renders a page offline to a 240x240 PNG that matches the golden', async () => {
    const out = join(dir, 'models.png');
    const r = await runCli(['screenshot', '--page', 'models', '--sample', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const png = readPng(out);
    assert.deepEqual([png.width, png.height], [240, 240]);
    expectGolden('models', png.data);
  });

  it('draws the shipped model and the first shipped bank by default, not a made-up state (issue #25 point 10)', async () => {
    const view = await shippedHostView();
    assert.equal(view.model.id, 'sinc-nsf-impacts-v1', "the virtual rack's default model");
    assert.deepEqual([view.bank.id, view.bank.entryA, view.bank.entryB], ['cinematic-booms', 'boom-0000', 'boom-0002']);
    assert.ok(view.models.every((m) => m.source === 'builtin') && view.models.some((m) => m.id === 'sinc-nsf-impacts-v1'));
    assert.ok(view.curves.frames.length > 10 && view.curves.frames.every((f) => f.length === 7 && f.every((v) => v >= 0 && v <= 1)), 'entry A\'s curves, 0..1');
    const out = join(dir, 'perform.png');
    const r = await runCli(['screenshot', '--page', 'perform', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const shot = readPng(out).data;
    assert.equal(diffPixels(shot, await renderOffline('perform', view)), 0, 'the shipped view, drawn');
    assert.ok(diffPixels(shot, await renderOffline('perform', sampleHostView())) > 500, 'not the sample view');
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
    assert.match(unknown.stderr, /NR_UI_PAGE_UNKNOWN: no screen page "nope"; expected menu or one of .*ui-core\/perform.*ui-core\/stats/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ cvs: 3 }));
    const r = await runCli(['screenshot', '--state', bad, '--out', join(dir, 'x.png')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NR_UI_STATE_INVALID: .*bad\.json at \/cvs: expected array, got number/);
    assert.equal((await runCli(['screenshot', '--page', 'models'])).code, 2, 'no --out');
  });
});
