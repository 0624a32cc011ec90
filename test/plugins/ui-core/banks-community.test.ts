import assert from 'node:assert/strict';
import type { HostView } from '../../../core/ui/host-view';
import { displayCurves } from '../../../core/ui/curve-display';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import { theme } from '../../../core/ui/theme';
import { emulatedPanel, type EmulatedPanel } from '../../core/ui/emulated-panel';
import { expectGolden } from '../../core/ui/golden';

/** A decaying impact, 48 frames in descriptor units (DESCRIPTOR_ORDER): what a registry preview holds. */
function impactCurves(): number[][] {
  return displayCurves(Array.from({ length: 48 }, (_, t) => {
    const e = Math.exp(-t / 10);
    return [0.3 * e, 0.05 + 0.1 * (1 - e), 2000 + 6000 * e, 0.02 + 0.2 * (1 - e), 800 + 1500 * e, 1200 + 2500 * e, 110 + 40 * Math.sin(t / 6)];
  }));
}

const REGISTRY = 'https://banks.example.org/index.json';

function withCommunity(over: Partial<HostView['community']>): HostView {
  const v = sampleHostView();
  return {
    ...v,
    community: {
      registries: [REGISTRY],
      network: true,
      listing: { registry: REGISTRY, banks: [{ id: 'alice-booms', name: 'Alice booms', author: 'Alice', licence: 'CC-BY-4.0', entries: 12, size: 9000 }] },
      progress: null,
      ...over,
    },
  };
}

const near = (rgba: Uint8ClampedArray, hex: string, y0: number, y1: number): number => {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = y0 * 240 * 4; i < y1 * 240 * 4; i += 4) if (want.every((v, k) => Math.abs(rgba[i + k]! - v) <= 8)) n++;
  return n;
};

/** Home -> menu -> Banks, then the cursor past the last row (it stops on the last one) and a press. */
async function pressLastBankRow(p: EmulatedPanel): Promise<void> {
  await p.frame();
  await p.press();
  await p.turn(2);
  await p.press();
  await p.frame();
  assert.equal(p.runtime.currentPageId(), 'ui-core/banks');
  await p.turn(10);
  await p.press();
  await p.frame();
}

describe('ui-core banks page: community banks (issue #25)', () => {
  it('offers Community banks as the last row only when a registry is named and a network is there', async () => {
    for (const [over, browsed] of [[{}, true], [{ network: false }, false], [{ registries: [] }, false]] as const) {
      const p = await emulatedPanel(withCommunity(over));
      await pressLastBankRow(p);
      assert.equal(p.host.calls.some((c) => c.action === 'browseCommunity'), browsed, JSON.stringify(over));
    }
  });

  it('offers one row per registry when the rack names several, named by host, and browses the one pressed', async () => {
    const second = 'https://other.example.net/banks/index.json';
    const p = await emulatedPanel(withCommunity({ registries: [REGISTRY, second] }));
    await pressLastBankRow(p); // the cursor stops on the last row: the second registry
    assert.deepEqual(p.host.calls.find((c) => c.action === 'browseCommunity')?.args, [second]);
    const q = await emulatedPanel(withCommunity({ registries: [REGISTRY, second] }));
    await q.frame();
    await q.press();
    await q.turn(2);
    await q.press();
    await q.frame();
    await q.turn(10);
    await q.turn(-1); // the row before the last: the first registry
    await q.press();
    await q.frame();
    assert.deepEqual(q.host.calls.find((c) => c.action === 'browseCommunity')?.args, [REGISTRY]);
  });

  it("draws the descriptor curves of the registry bank under the cursor (golden), and says so while they are read", async () => {
    const curves = impactCurves();
    const view = withCommunity({});
    const banks = view.community.listing!.banks;
    const listing = { registry: REGISTRY, banks: [{ ...banks[0]!, curves }, { id: 'bob-bells', name: 'Bob bells', author: 'Bob', licence: 'CC0-1.0', entries: 5, size: 3000 }] };
    const p = await emulatedPanel({ ...view, community: { ...view.community, listing } });
    await pressLastBankRow(p);
    const strip = 232 * 38;
    /** Pixels of the curve strip that are neither its box nor the background: the curves (and any text). */
    const lanes = (): number => strip - near(p.lcd.emulator.readRgba(), theme.panel, 163, 201) - near(p.lcd.emulator.readRgba(), theme.bg, 163, 201) + (240 - 232) * 38 - near(p.lcd.emulator.readRgba(), theme.dim, 163, 201);
    expectGolden('banks-community-curves', p.lcd.emulator.readRgba());
    const drawn = lanes();
    assert.ok(drawn > 1000, `curve pixels drawn under the list (${drawn})`);
    await p.turn(1); // Bob bells: its curves are not read yet
    await p.frame();
    assert.ok(lanes() < drawn / 3, `no curves for a bank not read yet, only the text (${lanes()} against ${drawn})`);
    assert.ok(near(p.lcd.emulator.readRgba(), theme.dim, 163, 201) > 20, 'reading curves… is written instead');
  });

  it('installs the bank under the cursor through Install, and draws its progress as a bar with phase and percentage', async () => {
    const p = await emulatedPanel(withCommunity({}));
    await pressLastBankRow(p);
    await p.press(); // Install / Cancel
    await p.press(); // Install
    assert.deepEqual(p.host.calls.find((c) => c.action === 'installCommunityBank')?.args, [REGISTRY, 'alice-booms']);
    p.host.update({ community: { ...p.host.view().community, progress: { bankId: 'alice-booms', phase: 'download', fraction: 0.5 } } });
    await p.frame();
    const bar = near(p.lcd.emulator.readRgba(), theme.accent, 228, 235);
    assert.ok(bar > 400 && bar < 700, `half the bar is lit (${bar} px of 1120)`);
    p.host.update({ community: { ...p.host.view().community, progress: { bankId: 'alice-booms', phase: 'done', fraction: 1 } } });
    await p.frame();
    assert.equal(near(p.lcd.emulator.readRgba(), theme.accent, 228, 235), 0, 'no bar once installed');
  });
});
