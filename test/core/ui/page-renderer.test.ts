import assert from 'node:assert/strict';
import { PageRenderer } from '../../../core/ui/page-renderer';
import { rect } from '../../../core/ui/rect';
import { widget, type PageFrame, type ScreenPage } from '../../../core/ui/screen-page';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import { rgbaToRgb565be } from '../../../core/devices/display/rgb565';

const drawn: string[] = [];
const page: ScreenPage = {
  id: 't',
  widgets: [
    widget({ id: 'left', rect: rect(0, 0, 120, 240), model: (f) => f.view.cvs[0]!.volts, draw: (g) => { drawn.push('left'); g.fillStyle = '#ff0000'; g.fillRect(0, 0, 120, 240); } }),
    widget({ id: 'right', rect: rect(120, 100, 60, 40), model: (f) => f.view.cvs[1]!.volts, draw: (g) => { drawn.push('right'); g.fillStyle = '#00ff00'; g.fillRect(0, 0, 240, 240); } }),
  ],
};
const frame = (volts1: number, volts2: number): PageFrame => {
  const v = sampleHostView();
  return { view: { ...v, cvs: v.cvs.map((c, i) => ({ ...c, volts: i === 0 ? volts1 : i === 1 ? volts2 : c.volts })) }, local: undefined, nowMs: 0, menu: { trail: [], lines: [], cursor: 0 }, title: 't' };
};

describe('PageRenderer (dirty tracking)', () => {
  beforeEach(() => (drawn.length = 0));

  it('draws everything for a new page, nothing when nothing changed, and only the changed widget otherwise', () => {
    const r = new PageRenderer();
    const first = r.render('t#1', page, frame(1, 2));
    assert.deepEqual(first.dirty, { x0: 0, y0: 0, x1: 240, y1: 240 });
    assert.deepEqual(drawn, ['left', 'right']);
    drawn.length = 0;
    const same = r.render('t#1', page, frame(1, 2));
    assert.equal(same.dirty, null);
    assert.deepEqual(drawn, []);
    const changed = r.render('t#1', page, frame(1, 3));
    assert.deepEqual(drawn, ['right']);
    assert.deepEqual(changed.dirty, { x0: 120, y0: 100, x1: 180, y1: 140 });
    drawn.length = 0;
    r.render('t#2', page, frame(1, 3));
    assert.deepEqual(drawn, ['left', 'right'], 'a new page key redraws all');
  });

  it('clips each widget to its rect and keeps the RGB565 frame in step with the canvas', () => {
    const r = new PageRenderer();
    r.render('t#1', page, frame(1, 2));
    const px = (x: number, y: number) => r.frame.readUInt16BE((y * 240 + x) * 2);
    assert.equal(px(10, 10), 0xf800, 'left is red');
    assert.equal(px(150, 120), 0x07e0, 'right is green inside its rect');
    assert.notEqual(px(200, 120), 0x07e0, 'the green fill was clipped');
    assert.deepEqual(r.frame, rgbaToRgb565be(r.rgba()));
  });

  it('names the widget that threw', () => {
    const r = new PageRenderer();
    const bad: ScreenPage = { id: 'bad', widgets: [widget({ id: 'oops', rect: rect(0, 0, 10, 10), model: () => 1, draw: () => { throw new Error('boom'); } })] };
    assert.throws(() => r.render('bad#1', bad, frame(0, 0)), /widget "oops" threw: boom/);
  });
});
