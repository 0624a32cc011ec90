import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import type { Host } from '../../../../core/host/host';
import { bootHost, type BootedHost } from '../../../helpers/booted-host';
import { waitFor } from '../../../helpers/wait-for';
import { changedValues, launchBrowser, type LaunchedBrowser, panelConnected, screenPixels, skipWithoutChromium } from '../helpers/browser';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The whole module as `neurorack start` runs it (virtual profile, real clock): real drivers over
 * the emulated chips, the real screen pages on the ST7789 emulator, the instrument's audio.
 */
describe('the running host in Chromium (neurorack start, virtual profile)', function () {
  this.timeout(90_000);
  let booted: BootedHost | undefined;
  let host: Host;
  let browser: LaunchedBrowser;
  let page: Page;

  before(async function () {
    skipWithoutChromium(this);
    booted = await bootHost({ profile: 'virtual' });
    host = booted.host;
    const web = await booted.serveWeb();
    browser = await launchBrowser();
    page = await browser.open(web.url);
    await panelConnected(page);
    await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames) > 0);
  });
  after(async () => {
    await browser?.close();
    await booted?.stop();
  });

  it('shows the follow meter in the panel: how closely the last render followed its curves (issue #25)', async () => {
    await page.waitForFunction(() => !document.querySelector('[data-testid="follow"]').hidden, undefined, { timeout: 15_000 });
    const follow = page.locator('[data-testid="follow"]');
    const r = Number(await follow.getAttribute('data-r'));
    assert.ok(r > 0.5 && r <= 1, `r ${r}`);
    assert.match((await follow.textContent()) ?? '', /^follow r [01]\.\d\d/);
    assert.equal(Number(await follow.getAttribute('data-version')), host.live.follow!.version);
  });

  it('turns CV1: the driver reads it and the perform page on the screen shows it', async () => {
    const screen = () => screenPixels(page, 0, 120);
    const before = await screen();
    const knob = page.locator('[data-testid="knob-1"]');
    const box = (await knob.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 40, { steps: 8 });
    await page.mouse.up();
    const set = Number(await knob.getAttribute('data-volts'));
    assert.ok(set > 1, `knob at ${set} V`);
    await page.waitForFunction((v) => Math.abs(Number(document.querySelector('[data-testid="cv-readout-1"]').dataset.volts) - v) < 0.05, set, { timeout: 5000 });
    await page.waitForTimeout(500);
    const after = await screen();
    const changed = changedValues(before, after);
    assert.ok(changed > 50, `the CV rows of the perform page changed (${changed} values)`);
    assert.equal(host.live.view().cvs[0]!.volts.toFixed(1), set.toFixed(1));
  });

  it('presses gate 1 and plays the instrument in the browser', async () => {
    await page.click('[data-testid="start-audio"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="audio-stats"]').dataset.chunks) > 5);
    const gate = page.locator('[data-testid="gate-1"]');
    await gate.dispatchEvent('pointerdown', { pointerId: 1, button: 0 });
    await page.waitForTimeout(120);
    await gate.dispatchEvent('pointerup', { pointerId: 1, button: 0 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="audio-stats"]').dataset.peak) > 0.01, undefined, { timeout: 5000 });
  });

  it('opens the menu with the encoder click and moves down it with the wheel turned down', async () => {
    const encoder = page.locator('[data-testid="encoder"]');
    await encoder.click();
    await waitFor('the menu page', () => host.screen.currentPageId(), { until: (id) => id === 'ui-core/menu' });
    await page.waitForTimeout(300);
    const pixels = () => screenPixels(page);
    const before = await pixels();
    await encoder.hover();
    await page.mouse.wheel(0, 100);
    await waitFor('the menu cursor on row 1', () => host.screen.nav.menuFrame().cursor, { until: (cursor) => cursor === 1 });
    await page.waitForTimeout(400);
    const after = await pixels();
    assert.equal(host.screen.currentPageId(), 'ui-core/menu');
    const changed = changedValues(before, after);
    assert.ok(changed > 200, `the menu cursor moved on the screen (${changed} values)`);
  });
});
