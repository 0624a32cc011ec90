import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Host } from '../../../core/host/host';
import type { VirtualClock } from '../../../core/scheduler/virtual-clock';
import { theme } from '../../../core/ui/theme';
import { bootHostOnVirtualClock, type VirtualBootedHost } from '../../helpers/booted-host';
import { panelGestures } from '../../helpers/panel-gestures';
import { startLoopbackRegistry, type LoopbackRegistry } from '../../helpers/loopback-registry';

/**
 * The menu's Banks page on the running host (test profile), driven at the emulated MS51 encoder and
 * GPIO button, read back from the ST7789 framebuffer: community banks from a registry on 127.0.0.1.
 */
describe("the menu's Banks page installs a community bank (issue #25)", function () {
  this.timeout(120_000);
  const work = fs.mkdtempSync(path.join(tmpdir(), 'nr-community-menu-'));
  const banksBefore = process.env['NEURORACK_BANKS_DIR'];
  let registry: LoopbackRegistry;
  let booted: VirtualBootedHost | undefined;
  let host: Host;
  let clock: VirtualClock;

  before(async () => {
    process.env['NEURORACK_BANKS_DIR'] = path.join(work, 'user-banks');
    registry = await startLoopbackRegistry(path.join(work, 'registry'));
    booted = await bootHostOnVirtualClock({ profile: 'test' });
    ({ host, clock } = booted);
  });
  after(async () => {
    await booted?.stop();
    await registry?.close();
    if (banksBefore === undefined) delete process.env['NEURORACK_BANKS_DIR'];
    else process.env['NEURORACK_BANKS_DIR'] = banksBefore;
    fs.rmSync(work, { recursive: true, force: true });
  });

  const panel = () => host.emulated!.panel;
  const press = () => panelGestures(host, clock).press();
  const turn = (detents: number) => panelGestures(host, clock).turn(detents);
  const accentPixels = (y0: number, y1: number): number => {
    const rgba = host.emulated!.display!.emulator.readRgba();
    const want = [1, 3, 5].map((i) => parseInt(theme.accent.slice(i, i + 2), 16));
    let n = 0;
    for (let i = y0 * 240 * 4; i < y1 * 240 * 4; i += 4) if (want.every((v, k) => Math.abs(rgba[i + k]! - v) <= 8)) n++;
    return n;
  };

  it('offers the registry only once one is named, lists its banks, and installs one with progress on the screen', async () => {
    await press(); // the menu
    assert.equal(host.screen.currentPageId(), 'ui-core/menu');
    await turn(2); // Perform, Models, Banks
    await press();
    assert.equal(host.screen.currentPageId(), 'ui-core/banks');
    const shipped = host.live.view().banks.length;
    assert.deepEqual(host.live.view().community.registries, [], 'no registry named: nothing offered');
    await turn(shipped + 2);
    await press();
    assert.equal(host.live.view().community.listing, null, 'the last row is a bank, not the community row');
    // Back to the bank list, then a registry is named (the panel's POST /api/registries does this).
    panel().setButton(true);
    await clock.advance(700);
    panel().setButton(false);
    await clock.advance(120);
    await host.live.community.setRegistries([registry.url]);
    await booted!.until('the community registry to be reachable', () => host.live.view().community.network);

    await turn(shipped + 2); // the cursor stops on the last row: Community banks…
    await press();
    await booted!.until('the community listing', () => host.live.view().community.listing);
    assert.deepEqual(host.live.view().community.listing!.banks.map((b) => b.id).sort(), ['community-bells', 'community-booms']);
    await booted!.until("every listed bank's curves", () => host.live.view().community.listing!.banks.map((b) => b.curves?.length ?? 0), { until: (lengths) => lengths.every((n) => n > 1) });
    assert.equal(host.live.view().community.listing!.banks[0]!.curves![0]!.length, 7, "each listed bank carries its first entry's seven curves for the screen");
    const booms = host.live.view().community.listing!.banks.findIndex((b) => b.id === 'community-booms');
    await turn(booms);
    await press(); // opens Install / Cancel
    const bar = accentPixels(204, 240);
    assert.ok(bar > 200, `the Install button is lit in the action bar (${bar})`);
    const phases = new Set<string>();
    const seen = setInterval(() => {
      const p = host.live.view().community.progress;
      if (p) phases.add(p.phase);
    }, 1);
    await press(); // Install
    await booted!.until('the install to be done', () => host.live.view().community.progress, { until: (p) => p?.phase === 'done' });
    clearInterval(seen);
    assert.ok(phases.has('download') || phases.has('verify') || phases.has('write'), `progress shown on the way: ${[...phases].join(', ')}`);
    assert.ok(host.live.view().banks.some((b) => b.id === 'community-booms'), 'the host lists the installed bank');
    assert.ok(fs.existsSync(path.join(work, 'user-banks', 'community-booms', 'bank.json')));
    await clock.advance(200);
    assert.equal(host.screen.currentPageId(), 'ui-core/banks');
  });
});
