import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sampleHostView } from '../../../core/ui/sample-host-view';
import { emulatedPanel } from './emulated-panel';
import { diffPixels, expectGolden, GOLDEN_DIR, GOLDEN_TOLERANCE, readPng } from './golden';

/** The first screen row (below the title bar) where the accent-coloured cursor bar starts, at x = 6. */
function highlightedRow(rgba: Uint8Array | Uint8ClampedArray): number {
  for (let y = 30; y < 240; y++) {
    const i = (y * 240 + 6) * 4;
    if (Math.abs(rgba[i]! - 0x3f) < 12 && Math.abs(rgba[i + 1]! - 0xb6) < 12 && Math.abs(rgba[i + 2]! - 0xff) < 12) return y;
  }
  return -1;
}

describe('menu through the emulated encoder, button and ST7789 (register level)', () => {
  it('navigates to Models with the knob and button; the panel shows the Models golden', async () => {
    const p = await emulatedPanel(sampleHostView());
    await p.frame();
    expectGolden('perform', p.lcd.emulator.readRgba());
    await p.press(); // home -> menu
    await p.choose('Models');
    assert.equal(await p.frame(), 'pushed');
    assert.equal(p.runtime.currentPageId(), 'ui-core/models');
    expectGolden('models', p.lcd.emulator.readRgba());
  });

  it('every built-in page in the menu is reachable with the encoder and matches its golden on the panel', async () => {
    const p = await emulatedPanel(sampleHostView());
    const routes: Array<[string[], string]> = [
      [['Perform'], 'perform'], [['Models'], 'models'], [['Banks'], 'banks'], [['Parameters'], 'parameters'],
      [['Assignment'], 'assignment'], [['Admin', 'Calibration'], 'calibration'], [['Admin', 'Statistics'], 'stats'], [['About'], 'about'],
    ];
    for (const [path, page] of routes) {
      await p.press(); // open the menu from home
      for (const label of path) await p.choose(label);
      await p.frame();
      assert.equal(p.runtime.currentPageId(), `ui-core/${page}`);
      const golden = readPng(join(GOLDEN_DIR, `${page}.png`)).data;
      assert.ok(diffPixels(p.lcd.emulator.readRgba(), golden) <= 240 * 240 * GOLDEN_TOLERANCE.maxDiffRatio, `${page} on the panel differs from its golden`);
      for (let i = 0; i <= path.length; i++) await p.longPress();
      assert.equal(p.runtime.nav.depth, 1, 'long presses lead back home');
    }
    await p.press();
    await p.frame();
    assert.equal(diffPixels(p.lcd.emulator.readRgba(), readPng(join(GOLDEN_DIR, 'menu.png')).data), 0, 'the menu page');
  });

  it('"Perform" in the menu returns home, where a short press opens the menu again (issue #25)', async () => {
    const p = await emulatedPanel(sampleHostView());
    await p.press(); // home -> menu, cursor on "Perform"
    assert.equal(p.runtime.nav.menuFrame().lines[p.runtime.nav.menuFrame().cursor]!.label, 'Perform');
    await p.press();
    assert.equal(p.runtime.currentPageId(), 'ui-core/perform');
    assert.equal(p.runtime.nav.depth, 1, 'home, not a second perform page stacked on it');
    await p.press();
    assert.equal(p.runtime.currentPageId(), 'ui-core/menu', 'a short press on home opens the menu');
  });

  it('a short press on a page that takes no press goes back to the menu it was opened from', async () => {
    const p = await emulatedPanel(sampleHostView());
    await p.press();
    await p.choose('About');
    assert.equal(p.runtime.currentPageId(), 'ui-core/about');
    await p.press();
    assert.equal(p.runtime.currentPageId(), 'ui-core/menu');
    assert.equal(p.runtime.nav.menuFrame().lines[p.runtime.nav.menuFrame().cursor]!.label, 'About', 'the cursor stays where it was');
    await p.choose('Admin');
    await p.choose('Statistics');
    assert.equal(p.runtime.currentPageId(), 'ui-core/stats');
    await p.press(); // the statistics page takes a press: it shows what missed (stats-page.test.ts)
    await p.longPress();
    await p.longPress();
    assert.equal(p.runtime.currentPageId(), 'ui-core/menu');
    assert.deepEqual(p.runtime.nav.menuFrame().trail, ['Admin']);
  });

  it('turning clockwise moves the highlighted menu row down the screen', async () => {
    const p = await emulatedPanel(sampleHostView());
    await p.press();
    await p.frame();
    const first = highlightedRow(p.lcd.emulator.readRgba());
    await p.turn(1);
    await p.frame();
    const second = highlightedRow(p.lcd.emulator.readRgba());
    await p.turn(2);
    await p.frame();
    const fourth = highlightedRow(p.lcd.emulator.readRgba());
    assert.equal(p.runtime.nav.menuFrame().cursor, 3);
    assert.ok(first < second && second < fourth, `the highlight moved down: rows ${first}, ${second}, ${fourth}`);
    await p.turn(-1);
    await p.frame();
    const third = highlightedRow(p.lcd.emulator.readRgba());
    assert.ok(second < third && third < fourth, `counter-clockwise moved it up: row ${third}`);
  });

  it('selects another model from the Models page: it loads while the current one plays; LED blue then green', async () => {
    const p = await emulatedPanel(sampleHostView());
    p.ledTick();
    await p.frame();
    const green = p.ioe.ledColor();
    assert.ok(green.g > 100 && green.r < 30 && green.b < 80, `ready is green, got ${JSON.stringify(green)}`);
    await p.press();
    await p.choose('Models');
    await p.turn(1); // Metal plates
    await p.press(); // open the action bar
    await p.press(); // Play
    assert.deepEqual(p.host.calls.filter((c) => c.action === 'selectModel').map((c) => c.args), [['metal-plates']]);
    const v = p.host.view();
    assert.equal(v.model.id, 'darbuka-v2', 'the current model keeps playing');
    assert.equal(v.model.loadingId, 'metal-plates');
    await p.clock.advance(5000); // toasts gone
    await p.clock.advance(250); // mid-pulse
    p.ledTick();
    await p.frame();
    const blue = p.ioe.ledColor();
    assert.ok(blue.b > 100 && blue.r < 30 && blue.g < 30, `loading is blue, got ${JSON.stringify(blue)}`);
    p.host.finishLoading();
    p.ledTick();
    await p.frame();
    assert.equal(p.host.view().model.id, 'metal-plates');
    assert.ok(p.ioe.ledColor().g > 100);
  });

  it('asks before shutting down; only Yes calls the host', async () => {
    const p = await emulatedPanel(sampleHostView());
    await p.press();
    await p.choose('Admin');
    await p.choose('Shutdown');
    await p.frame();
    assert.equal(p.runtime.status().dialog, true);
    expectGolden('shutdown-confirm', p.lcd.emulator.readRgba());
    await p.press(); // No (default)
    assert.equal(p.host.calls.some((c) => c.action === 'shutdown'), false);
    await p.press(); // ask again
    await p.turn(1); // Yes
    await p.press();
    assert.equal(p.host.calls.some((c) => c.action === 'shutdown'), true);
  });

  it('adjusts a parameter with acceleration: fast turns step more', async () => {
    const p = await emulatedPanel(sampleHostView());
    await p.press();
    await p.choose('Parameters');
    await p.press(); // edit Volume (0.80)
    await p.turn(-1);
    assert.equal(p.host.view().params[0]!.value, 0.79);
    await p.turn(-1);
    assert.equal(p.host.view().params[0]!.value, 0.78, 'slow turns step one per detent');
    await p.turnFast([-1, -1, -1, -1]); // 100 detents/s
    const fast = p.host.view().params[0]!.value;
    assert.ok(fast < 0.78 - 0.04 - 0.1, `four fast detents moved more than four steps (got ${fast})`);
  });
});
