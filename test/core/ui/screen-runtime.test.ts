import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineScreen } from '../../../core/ui/offline-screen';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import { Priority, Scheduler } from '../../../core/scheduler/scheduler';
import { crop, diffPixels, expectGolden, readPng, GOLDEN_DIR } from './golden';

/** Writes a screen-page plugin (plain JS) into a temp folder of plugin folders. */
function pluginDir(plugins: Record<string, { manifest: object; index: string }>): string {
  const root = mkdtempSync(join(tmpdir(), 'nr-ui-plugins-'));
  for (const [id, p] of Object.entries(plugins)) {
    mkdirSync(join(root, id));
    writeFileSync(join(root, id, 'plugin.json'), JSON.stringify({ id, name: id, version: '1.0.0', kind: 'screen-page', host: '>=0.1.0', entry: 'index.js', author: 't', licence: 'MIT', description: 'test page', ...p.manifest }));
    writeFileSync(join(root, id, 'index.js'), p.index);
  }
  return root;
}

const throwingPage = `
exports.provides = { broken: { id: 'broken', widgets: [
  { id: 'ok', rect: { x0: 0, y0: 0, x1: 240, y1: 30 }, model: () => 1, draw: (g) => { g.fillStyle = '#fff'; g.fillRect(0, 0, 240, 30); } },
  { id: 'bad', rect: { x0: 0, y0: 30, x1: 240, y1: 240 }, model: (f) => f.view.cvs.length, draw: () => { throw new Error('bad widget'); } },
] } };`;

async function navigateTo(s: Awaited<ReturnType<typeof offlineScreen>>, labels: string[]): Promise<void> {
  for (const label of labels) {
    const lines = s.runtime.nav.menuFrame().lines;
    const target = lines.findIndex((l) => l.label === label);
    assert.ok(target >= 0, `no "${label}" in ${lines.map((l) => l.label).join(', ')}`);
    await s.runtime.input({ type: 'turn', delta: target - s.runtime.nav.menuFrame().cursor, timeMs: 0 });
    await s.runtime.input({ type: 'press' });
  }
}

describe('ScreenRuntime', () => {
  it('a page that throws while drawing shows the error page and a toast; the other pages keep working', async () => {
    const dir = pluginDir({ 'ui-broken': { manifest: { provides: [{ id: 'broken', title: 'Broken', menu: 'Extra/Broken' }] }, index: throwingPage } });
    const s = await offlineScreen(sampleHostView(), { pluginDirs: [dir] });
    await s.runtime.input({ type: 'press' }); // home -> menu
    await navigateTo(s, ['Extra', 'Broken']);
    assert.equal(await s.runtime.frame(), 'pushed');
    assert.deepEqual(s.runtime.brokenPages(), ['ui-broken/broken']);
    assert.equal(s.runtime.status().error, true);
    const rgba = s.display.readRgba();
    const at = (x: number, y: number) => [...rgba.subarray((y * 240 + x) * 4, (y * 240 + x) * 4 + 3)];
    const reddish = ([r, g, b]: number[]) => r! > 200 && g! < 120 && b! < 120;
    assert.ok(reddish(at(108, 62)), `the error page's red badge, got ${at(108, 62)}`);
    assert.ok(reddish(at(7, 210)), `the toast's red edge, got ${at(7, 210)}`);
    expectGolden('error-page', rgba);
    // back out and open Models: it renders as its golden
    await s.runtime.input({ type: 'long-press' });
    await s.runtime.input({ type: 'long-press' });
    await navigateTo(s, ['Models']);
    await s.clock.advance(5000); // let the toast expire
    await s.runtime.frame();
    assert.equal(s.runtime.currentPageId(), 'ui-core/models');
    assert.equal(diffPixels(s.display.readRgba(), readPng(join(GOLDEN_DIR, 'models.png')).data), 0);
  });

  it('a plugin whose entry throws on import is reported as a toast; the built-in pages load', async () => {
    const dir = pluginDir({ 'ui-crash': { manifest: { provides: [{ id: 'x', title: 'X', menu: 'X' }] }, index: 'throw new Error("import failed")' } });
    const s = await offlineScreen(sampleHostView(), { pluginDirs: [dir] });
    assert.equal(s.errors.length, 1);
    assert.match(s.errors[0]!.describe(), /import failed/);
    assert.ok(s.pages.resolve('models'));
    await s.runtime.frame();
    assert.equal(s.runtime.status().error, true, 'the toast is up');
  });

  it('a bad menu JSON shows "Menu error" with the problem, and the rest of the menu works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-menu-'));
    const menuFile = join(dir, 'menu.json');
    writeFileSync(menuFile, JSON.stringify({ items: [{ label: 'Nothing' }] }));
    const s = await offlineScreen(sampleHostView(), { menuFile });
    await s.runtime.input({ type: 'press' });
    const labels = s.runtime.nav.menuFrame().lines.map((l) => l.label);
    assert.equal(labels[0], 'Menu error');
    assert.ok(labels.includes('Models') && labels.includes('Admin'), labels.join(','));
    await s.runtime.input({ type: 'press' });
    assert.equal(s.runtime.currentPageId(), 'error:menu');
    await s.runtime.frame();
    const header = crop(s.display.readRgba(), 0, 0, 240, 28);
    assert.ok(header.some((v, i) => i % 4 === 0 && v > 200), 'the error page drew its title');
    await s.runtime.input({ type: 'long-press' });
    await navigateTo(s, ['Admin', 'Statistics']);
    assert.equal(s.runtime.currentPageId(), 'ui-core/stats');
  });

  it('skips frames while the previous push is pending or the audio path reports load', async () => {
    let busy = false;
    const s = await offlineScreen(sampleHostView());
    const runtime = new (s.runtime.constructor as typeof import('../../../core/ui/screen-runtime').ScreenRuntime)({
      display: { ...s.display, pushFrame: () => new Promise((r) => setTimeout(() => r(true), 20)), stats: () => s.display.stats() } as never,
      view: () => s.host.view(), actions: s.host, pages: s.pages, menu: { tree: { items: [{ label: 'M', page: 'models' }] } }, clock: s.clock, audioBusy: () => busy,
    });
    const first = runtime.frame();
    assert.equal(await runtime.frame(), 'skipped-busy');
    assert.equal(await first, 'pushed');
    busy = true;
    assert.equal(await runtime.frame(), 'skipped-load');
    busy = false;
    assert.equal(await runtime.frame(), 'unchanged', 'nothing changed since the pushed frame');
    assert.deepEqual({ busy: runtime.stats.skippedBusy, load: runtime.stats.skippedLoad }, { busy: 1, load: 1 });
  });

  it('runs as a low-priority periodic scheduler task that redraws only what changed', async () => {
    const s = await offlineScreen(sampleHostView());
    const task = s.runtime.task(15);
    assert.equal(task.priority, Priority.display);
    const scheduler = new Scheduler(s.clock);
    scheduler.addPeriodic(task);
    scheduler.start();
    await s.clock.advance(200);
    const v = s.host.view();
    s.host.update({ cvs: v.cvs.map((c) => (c.jack === 2 ? { ...c, volts: 3.3 } : c)) });
    await s.clock.advance(100);
    scheduler.stop();
    assert.ok(s.runtime.stats.frames >= 4);
    assert.equal(s.runtime.stats.pushed, 2, 'the first frame, then the CV change');
    assert.ok(s.runtime.stats.unchanged >= 2);
    assert.equal(s.runtime.renderer.render('ui-core/perform#1', s.pages.get('perform')!.page, { view: s.host.view(), local: {}, nowMs: s.clock.now(), menu: s.runtime.nav.menuFrame(), title: 'Perform' }).dirty, null);
  });
});
