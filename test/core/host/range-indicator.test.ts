import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBank } from '../../../core/banks/bank-build';
import { writeBankFolder } from '../../../core/banks/bank-store';
import type { Host } from '../../../core/host/host';
import { trainingRanges } from '../../../core/host/model-ranges';
import type { VirtualClock } from '../../../core/scheduler/virtual-clock';
import { theme } from '../../../core/ui/theme';
import { bootHostOnVirtualClock, type VirtualBootedHost } from '../../helpers/booted-host';
import { boomFrames } from '../web/helpers/sample-bank';

/** Pixels of the ST7789's framebuffer near `hex` (RGB565 rounds each channel) inside a rectangle. */
function pixelsNear(rgba: Uint8ClampedArray, hex: string, x0: number, y0: number, x1: number, y1: number): number {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * 240 + x) * 4;
      if (want.every((v, k) => Math.abs(rgba[i + k]! - v) <= 8)) n++;
    }
  }
  return n;
}

describe('the perform page shows a CV pushing a descriptor past the training range (issue #25)', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'nr-range-'));
  let booted: VirtualBootedHost | undefined;
  let host: Host;
  let clock: VirtualClock;

  before(async () => {
    // A: a boom well inside the shipped model's ranges; B: the same boom with f0 at 5 kHz, past its 2.95 kHz.
    const calm = boomFrames(40);
    const shrill = calm.map((f) => f.map((v, d) => (d === 6 ? 5000 : v)));
    const source = (n: string) => ({ file: `${n}.wav`, sha256: (n === 'calm' ? 'c' : 'e').repeat(64) });
    const bank = buildBank({ id: 'range-test' }, [{ name: 'calm', tags: [], source: source('calm'), frames: calm }, { name: 'shrill', tags: [], source: source('shrill'), frames: shrill }], join(dir, 'range-test', 'bank.json'));
    await writeBankFolder(join(dir, 'range-test'), bank);
    booted = await bootHostOnVirtualClock({ profile: 'test' }, { entries: { bank: join(dir, 'range-test'), a: 'calm', b: 'shrill' } });
    ({ host, clock } = booted);
  });

  after(async () => {
    await booted?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the descriptor and the way, in the view and on the emulated screen, only while the CV holds it there', async () => {
    const f0Max = trainingRanges(host.engine.playing).find((r) => r.name === 'f0')!.trainMax;
    assert.ok(f0Max < 5000, `the shipped model was trained on f0 up to ${f0Max} Hz`);
    const panel = host.emulated!.panel;
    const screen = host.emulated!.display!.emulator;
    const badge = () => pixelsNear(screen.readRgba(), theme.warn, 4, 180, 236, 193);

    panel.setCvVolts(1, -5);
    await clock.advance(400);
    assert.equal(host.screen.currentPageId(), 'ui-core/perform');
    assert.deepEqual(host.live.view().curves.outside, [], 'entry A is inside every range');
    assert.equal(badge(), 0, 'no range badge on the screen');

    panel.setCvVolts(1, 5);
    await clock.advance(400);
    const outside = host.live.view().curves.outside;
    assert.deepEqual(outside.map((o) => [o.name, o.direction]), [['f0', 'above']]);
    assert.ok(outside[0]!.worst > 4000 && outside[0]!.limit === f0Max, JSON.stringify(outside));
    assert.ok(badge() > 100, `the warning badge is drawn over the curves (${badge()} pixels)`);
    assert.equal(host.live.view().curves.outside, host.live.view().curves.outside, 'one array per render, not one per view');

    panel.setCvVolts(1, -5);
    await clock.advance(400);
    assert.deepEqual(host.live.view().curves.outside, []);
    assert.equal(badge(), 0, 'the badge goes with the excursion');
  });
});
