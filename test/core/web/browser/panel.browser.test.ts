import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createWebServer, type WebServer } from '../../../../core/web/create-web-server';
import { startBenchHost, type BenchHost } from '../helpers/bench-host';
import { waitFor } from '../../../helpers/wait-for';
import { changedValues, launchBrowser, panelConnected, screenPixels, SCREENSHOT_DIR, skipWithoutChromium, type LaunchedBrowser } from '../helpers/browser';

// Predicates run in the page (the DOM is not in this project's TypeScript lib).
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('panel in Chromium', function () {
  this.timeout(60_000);
  let bench: BenchHost;
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let url: string;

  before(async function () {
    skipWithoutChromium(this);
    bench = await startBenchHost();
    server = await createWebServer(bench.host, { port: 0 });
    url = await server.listen();
    browser = await launchBrowser();
    page = await browser.open(url);
    await page.waitForSelector('[data-testid="knob-1"]');
    await panelConnected(page);
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

  it('shows every press of gate 1 on its LED, even presses shorter than the state interval (issue #25 point 6)', async () => {
    await page.evaluate(`(() => {
      window.__lit = 0;
      const led = document.getElementById('gate-led-1');
      let on = led.classList.contains('on');
      new MutationObserver(() => { const now = led.classList.contains('on'); if (now && !on) window.__lit++; on = now; }).observe(led, { attributes: true, attributeFilter: ['class'] });
    })()`);
    const gate = page.locator('[data-testid="gate-1"]');
    const presses = 5;
    for (let i = 0; i < presses; i++) {
      await gate.dispatchEvent('pointerdown', { pointerId: 1, button: 0 });
      await page.waitForTimeout(15);
      await gate.dispatchEvent('pointerup', { pointerId: 1, button: 0 });
      await page.waitForTimeout(250);
    }
    const highs = bench.events.filter((e) => e.type === 'gate' && e.jack === 1 && e.state === 'high').length;
    assert.ok(highs >= presses, `the host got the presses (${highs})`);
    const lit = (await page.evaluate('window.__lit')) as number;
    assert.equal(lit, presses, `the LED lit once per 15 ms press (${lit} of ${presses})`);
  });

  it('draws the knobs at the host\'s values after a reload, so the first touch does not jump (issue #25 point 6)', async () => {
    bench.host.apply({ type: 'cv', jack: 2, volts: 3 });
    await waitFor('CV 1 read at 3 V', () => bench.host.state().cv[1]!.volts, { until: (volts) => Math.abs(volts - 3) < 0.05 });
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]').dataset.state === 'connected');
    await page.waitForFunction(() => Math.abs(Number(document.querySelector('[data-testid="cv-readout-2"]').dataset.volts) - 3) < 0.05);
    await page.waitForTimeout(100);
    const drawn = Number(await page.locator('[data-testid="knob-2"]').getAttribute('data-volts'));
    assert.ok(Math.abs(drawn - 3) < 0.05, `knob 2 is drawn at the host's 3 V, not ${drawn} V`);
    const sent = bench.events.length;
    await page.locator('[data-testid="knob-2"]').focus();
    await page.keyboard.press('ArrowUp');
    await waitFor('a CV event on jack 2', () => bench.events.slice(sent).some((e) => e.type === 'cv' && e.jack === 2));
    const touch = bench.events.slice(sent).find((e) => e.type === 'cv' && e.jack === 2) as { volts: number };
    assert.ok(Math.abs(touch.volts - 3.1) < 0.02, `the first touch moves from 3 V to 3.1 V (sent ${touch.volts} V)`);
  });

  it('navigates the menu with the encoder (scroll or ArrowDown turns clockwise, down the menu; click to press)', async () => {
    const encoder = page.locator('[data-testid="encoder"]');
    await encoder.hover();
    await page.mouse.wheel(0, 100);
    await encoder.focus();
    await page.keyboard.press('ArrowDown');
    await waitFor('the menu cursor on row 2', () => bench.screenState.cursor, { until: (cursor) => cursor === 2 });
    await encoder.click();
    await waitFor('the Parameters page entered', () => bench.screenState.entered, { until: (page) => page === 'Parameters' });
    const turns = bench.events.filter((e) => e.type === 'encoder');
    assert.deepEqual(turns.map((e) => (e as { delta: number }).delta), [1, 1]);
    assert.ok(bench.events.some((e) => e.type === 'button' && e.state === 'down'));
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'panel.png') });
    // For inspection only: docs/images/ is drawn by `npm run docs:images` from the shipped model and banks.
  });
});

describe('panel in Chromium when the server stops (issue #25 point 6)', function () {
  this.timeout(60_000);
  let bench: BenchHost;
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;

  before(async function () {
    skipWithoutChromium(this);
    bench = await startBenchHost();
    server = await createWebServer(bench.host, { port: 0 });
    const url = await server.listen();
    browser = await launchBrowser();
    page = await browser.open(url);
    await panelConnected(page);
  });
  after(async () => {
    await browser?.close();
    await bench?.close();
  });

  it('shows the controls off, not just a grey pill', async () => {
    const style = () => page.evaluate(`(() => { const f = getComputedStyle(document.querySelector('.faceplate')); const b = document.querySelector('[data-testid="offline"]'); return { opacity: Number(f.opacity), pointer: f.pointerEvents, banner: !!b && !b.hidden && b.getBoundingClientRect().height > 0 }; })()`) as Promise<{ opacity: number; pointer: string; banner: boolean }>;
    const live = await style();
    assert.equal(live.opacity, 1);
    assert.equal(live.banner, false, 'no banner while connected');
    await server.close();
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]').dataset.state === 'disconnected');
    const off = await style();
    assert.ok(off.opacity < 0.5, `the faceplate is dimmed (opacity ${off.opacity})`);
    assert.equal(off.pointer, 'none', 'the controls take no input');
    assert.equal(off.banner, true, 'a banner says the module is disconnected');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'panel-disconnected.png') });
  });
});
