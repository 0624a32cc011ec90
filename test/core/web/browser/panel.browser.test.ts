import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createWebServer, type WebServer } from '../../../../core/web/create-web-server';
import { startBenchHost, type BenchHost } from '../helpers/bench-host';
import { changedValues, chromiumMissing, launchBrowser, screenPixels, SCREENSHOT_DIR, waitFor } from '../helpers/browser';

// Predicates run in the page (the DOM is not in this project's TypeScript lib).
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('panel in Chromium', function () {
  this.timeout(60_000);
  let bench: BenchHost;
  let server: WebServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let url: string;

  before(async function () {
    const missing = chromiumMissing();
    if (missing) {
      console.log(`      (${missing})`);
      this.skip();
    }
    bench = await startBenchHost();
    server = await createWebServer(bench.host, { port: 0 });
    url = await server.listen();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-testid="knob-1"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]').dataset.state === 'connected');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await bench?.close();
  });

  it('turns a knob: the CV goes in at the ADS1015 emulator, the readout and the screen show it', async () => {
    await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames) > 0);
    const before = await screenPixels(page);
    const knob = page.locator('[data-testid="knob-1"]');
    const box = (await knob.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 40, { steps: 8 });
    await page.mouse.up();
    const set = Number(await knob.getAttribute('data-volts'));
    assert.ok(set > 1, `knob moved to ${set} V`);
    // the readout is the driver's reading, back from the host
    await page.waitForFunction((v) => Math.abs(Number(document.querySelector('[data-testid="cv-readout-1"]').dataset.volts) - v) < 0.05, set, { timeout: 5000 });
    const reached = bench.events.filter((e) => e.type === 'cv' && e.jack === 1);
    assert.ok(reached.length > 0, 'the host received CV events');
    // the screen is drawn from the driver's reading: it changes
    await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames) > 1);
    const after = await screenPixels(page);
    const changed = changedValues(before, after);
    assert.ok(changed > 50, `screen pixels changed: ${changed}`);
  });

  it('shows an out-of-range value from a bad message as an error, and keeps running', async () => {
    await page.evaluate(`(() => { const ws = new WebSocket('ws://' + location.host + '/ws'); ws.onopen = () => { ws.send('{"type":"control","event":{"type":"cv","jack":1,"volts":99}}'); ws.send('not json'); }; ws.onmessage = (ev) => { if (typeof ev.data === 'string') { const m = JSON.parse(ev.data); if (m.type === 'error') (window.__errors = window.__errors || []).push(m.error.code); } }; })()`);
    await page.waitForFunction(() => (window.__errors || []).length >= 2);
    const codes = (await page.evaluate(`window.__errors`)) as string[];
    assert.deepEqual(codes, ['NR_WEB_CONTROL_OUT_OF_RANGE', 'NR_WEB_MESSAGE_INVALID']);
    const state = (await (await fetch(`${url}api/state`)).json()) as { cv: unknown[] };
    assert.equal(state.cv.length, 4);
  });

  it('presses gate 1 and receives non-silent audio frames over the websocket', async () => {
    await page.click('[data-testid="start-audio"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="audio-stats"]').dataset.chunks) > 5);
    const gate = page.locator('[data-testid="gate-1"]');
    await gate.dispatchEvent('pointerdown', { pointerId: 1, button: 0 });
    await page.waitForTimeout(120);
    await gate.dispatchEvent('pointerup', { pointerId: 1, button: 0 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="audio-stats"]').dataset.peak) > 0.1, undefined, { timeout: 5000 });
    assert.ok(bench.events.some((e) => e.type === 'gate' && e.jack === 1 && e.state === 'high'));
    assert.ok(bench.events.some((e) => e.type === 'gate' && e.jack === 1 && e.state === 'low'));
  });

  it('navigates the menu with the encoder (scroll or ArrowDown turns clockwise, down the menu; click to press)', async () => {
    const encoder = page.locator('[data-testid="encoder"]');
    await encoder.hover();
    await page.mouse.wheel(0, 100);
    await encoder.focus();
    await page.keyboard.press('ArrowDown');
    await waitFor(() => bench.screenState.cursor === 2);
    await encoder.click();
    await waitFor(() => bench.screenState.entered === 'Parameters');
    const turns = bench.events.filter((e) => e.type === 'encoder');
    assert.deepEqual(turns.map((e) => (e as { delta: number }).delta), [1, 1]);
    assert.ok(bench.events.some((e) => e.type === 'button' && e.state === 'down'));
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'panel.png') });
    // Screenshots go to test-output/screenshots/; copy one to docs/images/ by hand when the page changes.
  });
});
