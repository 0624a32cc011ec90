import assert from 'node:assert/strict';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import type { HostView } from '../../../core/ui/host-view';
import { crop } from '../../core/ui/golden';
import { emulatedPanel } from '../../core/ui/emulated-panel';
import { PageRenderer } from '../../../core/ui/page-renderer';
import type { PageFrame } from '../../../core/ui/screen-page';
import { performPage } from '../../../plugins/ui-core/pages/perform';

/** The perform page on the emulated ST7789 with entries A and B named as given. */
async function perform(entryA: string, entryB: string): Promise<Uint8ClampedArray> {
  const v = sampleHostView();
  const view: HostView = { ...v, bank: { ...v.bank, entryA, entryB } };
  const p = await emulatedPanel(view);
  await p.frame();
  return p.lcd.emulator.readRgba();
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

describe('perform page: entries A and B (issue #25 point 8)', () => {
  it('draws two shipped names that differ only at the end differently (not both "membrane-0…")', async () => {
    const one = await perform('membrane-0001', 'membrane-0003');
    const other = await perform('membrane-0003', 'membrane-0001');
    // A's half and B's half of the entries row (y 32..54)
    assert.ok(!same(crop(one, 0, 32, 120, 54), crop(other, 0, 32, 120, 54)), 'A\'s name tells membrane-0001 from membrane-0003');
    assert.ok(!same(crop(one, 120, 32, 240, 54), crop(other, 120, 32, 240, 54)), 'B\'s name tells them apart');
  });
});

describe('perform page: a model asked outside its training range (issue #23)', () => {
  it('says "clamped" in the header while the playing model clamps the descriptors it is asked for, and nothing otherwise', async () => {
    const header = async (outOfRange: boolean | undefined): Promise<Uint8Array> => {
      const v = sampleHostView();
      const p = await emulatedPanel({ ...v, model: { ...v.model, ...(outOfRange === undefined ? {} : { outOfRange }) } });
      await p.frame();
      return crop(p.lcd.emulator.readRgba(), 120, 0, 240, 28);
    };
    const plain = await header(undefined);
    assert.ok(same(plain, await header(false)), 'in range: the header as before');
    assert.ok(!same(plain, await header(true)), 'out of range: the header says so');
  });
});

describe('perform page: a moving CV redraws only what moves', () => {
  it('a CV\'s new volts redraw its volts and its bar, not its name, and the frame is as a full redraw draws it', () => {
    const v = sampleHostView();
    const frame = (volts: number): PageFrame => ({
      view: { ...v, cvs: v.cvs.map((c, i) => (i === 0 ? { ...c, volts, normalised: (volts + 5) / 10 } : c)) },
      local: undefined, nowMs: 0, menu: { trail: [], lines: [], cursor: 0 }, title: 'perform',
    });
    const r = new PageRenderer();
    r.render('perform', performPage, frame(-2));
    const moved = r.render('perform', performPage, frame(3.5));
    assert.deepEqual(moved.redrawn, ['cv1-volts', 'cv1-bar']);
    const full = new PageRenderer();
    full.render('perform', performPage, frame(3.5));
    assert.ok(same(r.frame, full.frame), 'the partly redrawn frame equals a full redraw');
  });
});
