import assert from 'node:assert/strict';
import { createCanvas } from 'canvas';
import { wrapText } from '../../../core/ui/draw-kit';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import { font } from '../../../core/ui/theme';
import { statsDetails, statsFooter } from '../../../plugins/ui-core/pages/stats';
import { emulatedPanel } from '../../core/ui/emulated-panel';

/** Pixels in columns [x0, x1) of rows [y0, y1) that are not the background. */
function inked(rgba: Uint8ClampedArray, x0: number, x1: number, y0: number, y1: number): number {
  const bg = [rgba[(239 * 240 + 120) * 4]!, rgba[(239 * 240 + 120) * 4 + 1]!, rgba[(239 * 240 + 120) * 4 + 2]!];
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * 240 + x) * 4;
      if (Math.abs(rgba[i]! - bg[0]!) + Math.abs(rgba[i + 1]! - bg[1]!) + Math.abs(rgba[i + 2]! - bg[2]!) > 60) n++;
    }
  }
  return n;
}

const missed = () => {
  const v = sampleHostView();
  return { ...v, stats: { ...v.stats, xruns: 3, deadlineMisses: 7, missedTasks: [{ id: 'screen', misses: 5 }, { id: 'cv-scan', misses: 2 }] } };
};

describe('Statistics page through the emulated encoder and ST7789 (issue #25 point 9)', () => {
  it('the footer explaining XRUNS and MISSES fits the screen: no text cut at its edges, every word shown', async () => {
    const p = await emulatedPanel(missed());
    await p.press();
    await p.choose('Admin');
    await p.choose('Statistics');
    await p.frame();
    assert.equal(p.runtime.currentPageId(), 'ui-core/stats');
    const rgba = p.lcd.emulator.readRgba();
    assert.ok(inked(rgba, 0, 240, 190, 240) > 100, 'the footer says something');
    assert.equal(inked(rgba, 0, 4, 190, 240) + inked(rgba, 236, 240, 190, 240), 0, 'no footer text runs into the screen edges');
    const g = createCanvas(240, 240).getContext('2d');
    g.font = font(12);
    for (const v of [missed().stats, sampleHostView().stats]) {
      const text = statsFooter(v);
      const lines = wrapText(g, text, 224, 10);
      assert.ok(lines.length <= 2, `"${text}" takes ${lines.length} lines`);
      assert.equal(lines.join(' '), text, 'nothing dropped');
    }
  });

  it('a press shows which tasks missed; a press there asks, and Yes resets the counters', async () => {
    const p = await emulatedPanel(missed());
    await p.press();
    await p.choose('Admin');
    await p.choose('Statistics');
    await p.frame();
    const tiles = p.lcd.emulator.readRgba();
    await p.press();
    await p.frame();
    assert.equal(p.runtime.currentPageId(), 'ui-core/stats', 'the press stays on the page');
    const details = p.lcd.emulator.readRgba();
    assert.ok(inked(tiles, 0, 240, 40, 180) !== inked(details, 0, 240, 40, 180), 'the screen shows the details list instead of the tiles');
    const rows = statsDetails(p.host.view().stats).map((r) => `${r.label} ${r.value}`);
    assert.deepEqual(rows, ['Xruns (audio late) 3', 'Missed: screen 5', 'Missed: cv-scan 2']);
    await p.press(); // "Reset counters?" No/Yes
    assert.equal(p.runtime.status().dialog, true);
    await p.turn(1); // Yes
    await p.press();
    assert.ok(p.host.calls.some((c) => c.action === 'resetStats'));
    const s = p.host.view().stats;
    assert.equal(s.xruns + s.deadlineMisses, 0);
    await p.longPress();
    assert.equal(p.runtime.currentPageId(), 'ui-core/menu', 'back in the Admin menu');
  });
});
