import assert from 'node:assert/strict';
import { offlineScreen, showPage } from '../../../core/ui/offline-screen';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import type { HostView } from '../../../core/ui/host-view';
import { expectGolden } from '../../core/ui/golden';

const PAGES = ['boot', 'perform', 'menu', 'models', 'banks', 'parameters', 'assignment', 'calibration', 'stats', 'about'];

async function shot(page: string, view: HostView = sampleHostView(), setup?: (s: Awaited<ReturnType<typeof offlineScreen>>) => Promise<void> | void) {
  const s = await offlineScreen(view);
  showPage(s.runtime, page);
  await setup?.(s);
  await s.runtime.frame();
  return s;
}

describe('ui-core pages (golden snapshots)', () => {
  it('loads every page the manifest declares through the plugin loader', async () => {
    const s = await offlineScreen(sampleHostView());
    assert.deepEqual(s.errors, []);
    assert.deepEqual(s.pages.list().filter((p) => p.pluginId === 'ui-core').map((p) => p.offer.id).sort(), [...PAGES].sort());
  });

  for (const page of PAGES) {
    it(`${page} matches its golden`, async () => {
      const s = await shot(page);
      assert.equal(s.runtime.currentPageId(), `ui-core/${page}`);
      assert.deepEqual(s.runtime.brokenPages(), []);
      expectGolden(page, s.display.readRgba());
    });
  }

  it('perform while a model loads, clipping, with gates idle', async () => {
    const v = sampleHostView();
    const s = await shot('perform', {
      ...v,
      phase: 'loading',
      model: { ...v.model, loadingId: 'metal-plates' },
      output: { levelDb: -1, peakDb: 0, clipping: true },
      gates: v.gates.map((g) => ({ ...g, high: false })),
    });
    expectGolden('perform-loading-clipping', s.display.readRgba());
  });

  it('models with the action bar open', async () => {
    const s = await shot('models', sampleHostView(), (x) => x.runtime.input({ type: 'press' }));
    expectGolden('models-actions', s.display.readRgba());
  });

  it('a menu level below the root (Admin)', async () => {
    const s = await shot('menu', sampleHostView(), async (x) => {
      for (let i = 0; i < 5; i++) await x.runtime.input({ type: 'turn', delta: 1, timeMs: 1000 * i });
      await x.runtime.input({ type: 'press' });
    });
    assert.deepEqual(s.runtime.nav.menuFrame().trail, ['Admin']);
    expectGolden('menu-admin', s.display.readRgba());
  });

  it('confirmation dialog over a page', async () => {
    const s = await shot('perform', sampleHostView(), (x) => x.runtime.nav.ask('Shutdown?', () => undefined));
    expectGolden('dialog', s.display.readRgba());
  });

  it('about on a network-reachable panel: the pairing code while it is valid (README walk, issue #25)', async () => {
    const v = sampleHostView();
    const s = await shot('about', { ...v, about: { ...v.about, address: 'http://192.168.1.20:8787', pairingCode: '01234-56789' } });
    expectGolden('about-pairing', s.display.readRgba());
  });

  it('error toast over a page', async () => {
    const s = await shot('models', sampleHostView(), (x) => x.runtime.toast('NR_PLUGIN_ENTRY_THREW: ui-extra: loading index.js threw', 'error'));
    expectGolden('toast', s.display.readRgba());
  });

  it('banks: entries of a bank with A and B marked', async () => {
    const s = await shot('banks', sampleHostView(), (x) => x.runtime.input({ type: 'press' }));
    expectGolden('banks-entries', s.display.readRgba());
  });

  it('parameters while editing', async () => {
    const s = await shot('parameters', sampleHostView(), (x) => x.runtime.input({ type: 'press' }));
    expectGolden('parameters-editing', s.display.readRgba());
  });
});
