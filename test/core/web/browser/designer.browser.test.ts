import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readBank } from '../../../../core/banks/bank-store';
import { createWebServer, type WebServer } from '../../../../core/web/create-web-server';
import { startBenchHost, type BenchHost } from '../helpers/bench-host';
import { launchBrowser, SCREENSHOT_DIR, skipWithoutChromium, type LaunchedBrowser } from '../helpers/browser';
import { writeBoomBank, writeSampleBank } from '../helpers/sample-bank';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('curve designer in Chromium', function () {
  this.timeout(60_000);
  let bench: BenchHost;
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;

  before(async function () {
    skipWithoutChromium(this);
    bench = await startBenchHost();
    await writeSampleBank(bench.banks.shipped, 'sample-impacts');
    await writeBoomBank(bench.banks.shipped, 'sample-booms');
    server = await createWebServer(bench.host, { port: 0 });
    const url = await server.listen();
    browser = await launchBrowser();
    page = await browser.open(`${url}designer.html`);
    await page.waitForSelector('[data-testid="entry-sample-impacts-hit-2"]');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await bench?.close();
  });

  it('opens an entry, edits a curve, saves it into a user bank and finds it in the bank list', async () => {
    await page.click('[data-testid="entry-sample-impacts-hit-2"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="current-entry"]').textContent.includes('hit-2'));
    // freehand: a stroke across the f0 curve near the top of its range
    const f0 = page.locator('[data-testid="curve-f0"]');
    const box = (await f0.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.08);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.05, { steps: 10 });
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector('[data-testid="curves"]').dataset.edited === 'true');
    await page.click('[data-testid="smooth"]');
    await page.fill('[data-testid="stretch-factor"]', '1.5');
    await page.click('[data-testid="stretch"]');
    await page.fill('[data-testid="save-bank"]', 'my-curves');
    await page.fill('[data-testid="save-entry"]', 'bright-hit');
    await page.click('[data-testid="save"]');
    await page.waitForSelector('[data-testid="entry-my-curves-bright-hit"]');

    const { bank } = await readBank(join(bench.banks.user, 'my-curves'));
    const entry = bank.entries.find((e) => e.name === 'bright-hit')!;
    assert.equal(entry.frames.length, Math.round(70 * 1.5));
    const maxF0 = Math.max(...entry.frames.map((f) => f[6]!));
    assert.ok(maxF0 > 5000, `the drawn f0 reached ${maxF0} Hz`);
    assert.deepEqual(entry.tags, ['designed']);

    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(3500); // let the save notice fade
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'curve-designer.png'), fullPage: true });
    // For inspection only: docs/images/ is drawn by `npm run docs:images` from the shipped model and banks.
  });

  it('auditions the curve through the current model', async () => {
    await page.click('[data-testid="audition"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="audition"]').dataset.samples) > 0);
  });

  it('shows a clear message for a bank name with a path separator, and keeps working', async () => {
    await page.fill('[data-testid="save-bank"]', '../etc');
    await page.click('[data-testid="save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="toast"]').textContent.includes('NR_WEB_NAME_UNSAFE'));
    await page.fill('[data-testid="save-bank"]', 'my-curves');
    await page.fill('[data-testid="save-entry"]', 'bright-hit');
    await page.click('[data-testid="save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="toast"]').textContent.includes('NR_WEB_ENTRY_EXISTS'));
  });

  it('draws a boom\'s frequency curves on log axes and its zcr and flatness at a scale that shows them (issue #25 point 7)', async () => {
    await page.click('[data-testid="entry-sample-booms-boom"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="current-entry"]').textContent.includes('boom'));
    for (const name of ['rolloff', 'bandwidth', 'centroid', 'f0']) assert.equal(await page.getAttribute(`[data-testid="curve-${name}"]`, 'data-scale'), 'log', `${name} on a log axis`);
    for (const name of ['zcr', 'flatness', 'rolloff', 'bandwidth', 'centroid', 'f0']) {
      const { top, bottom, height } = await curveRows(page, name);
      assert.ok((bottom - top) / height > 0.15, `${name} spans ${bottom - top} of ${height} rows (a flat line at the bottom before)`);
    }
  });

  it('shades the range the model was trained on (its manifest\'s train_min/train_max)', async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid="curve-f0"]').dataset.train === '0-2952');
    const [inside, outside] = (await page.evaluate(`(() => {
      const c = document.querySelector('[data-testid="curve-f0"]');
      const y = (hz) => Math.round(c.height - (Math.log10(hz) - Math.log10(20)) / (Math.log10(11025) - Math.log10(20)) * c.height);
      const px = (hz) => Array.from(c.getContext('2d').getImageData(c.width - 3, y(hz), 1, 1).data.slice(0, 3));
      return [px(150), px(8000)];
    })()`)) as number[][];
    assert.notDeepEqual(inside, outside, `150 Hz (trained) and 8 kHz (never trained) are drawn on different grounds: ${inside} / ${outside}`);
  });

  for (const tool of ['freehand', 'points'] as const) {
    it(`joins a ${tool} edit to the curve on both sides: no vertical cliff (issue #25 point 7)`, async () => {
      await page.click('[data-testid="entry-sample-booms-boom"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="curves"]').dataset.edited === 'false');
      await page.selectOption('[data-testid="tool"]', tool);
      const box = (await page.locator('[data-testid="curve-f0"]').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.1);
      await page.mouse.down();
      if (tool === 'freehand') await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.1, { steps: 10 });
      await page.mouse.up();
      await page.selectOption('[data-testid="tool"]', 'freehand');
      await page.fill('[data-testid="save-bank"]', 'my-curves');
      await page.fill('[data-testid="save-entry"]', `boom-${tool}`);
      await page.click('[data-testid="save"]');
      await page.waitForSelector(`[data-testid="entry-my-curves-boom-${tool}"]`);
      const { bank } = await readBank(join(bench.banks.user, 'my-curves'));
      const f0 = bank.entries.find((e) => e.name === `boom-${tool}`)!.frames.map((f) => Math.log10(f[6]!));
      const top = Math.max(...f0);
      const jump = top - f0[0]! + (f0[0]! - Math.min(...f0)); // from the curve up to the edit
      assert.ok(10 ** top > 4000, `the edit raised f0 to ${(10 ** top).toFixed(0)} Hz`);
      const steps = f0.slice(1).map((v, i) => Math.abs(v - f0[i]!));
      const worst = Math.max(...steps);
      assert.ok(worst < jump / 4, `largest frame-to-frame step ${worst.toFixed(2)} decades of a ${jump.toFixed(2)}-decade edit`);
    });
  }

  it('shows an error without covering the Save button, in view (issue #25 point 7)', async () => {
    // a window whose bottom edge is just under the Save button, as on a laptop screen
    await page.evaluate('window.scrollTo(0, 0)');
    const saveBottom = (await page.evaluate(`(() => { const r = document.querySelector('[data-testid="save"]').getBoundingClientRect(); return r.bottom + window.scrollY; })()`)) as number;
    await page.setViewportSize({ width: 1280, height: Math.round(saveBottom + 40) });
    try {
      await page.fill('[data-testid="save-bank"]', '../etc');
      await page.click('[data-testid="save"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="toast"]').textContent.includes('NR_WEB_NAME_UNSAFE'));
      await page.waitForTimeout(300);
      const toast = (await page.locator('[data-testid="toast"]').boundingBox())!;
      const save = (await page.locator('[data-testid="save"]').boundingBox())!;
      const overlap = toast.x < save.x + save.width && save.x < toast.x + toast.width && toast.y < save.y + save.height && save.y < toast.y + toast.height;
      assert.equal(overlap, false, `toast ${JSON.stringify(toast)} covers Save ${JSON.stringify(save)}`);
      const height = (await page.evaluate('window.innerHeight')) as number;
      assert.ok(toast.y >= 0 && toast.y + toast.height <= height + 1, `the message is in view (${toast.y}..${toast.y + toast.height} of ${height})`);
      await page.fill('[data-testid="save-bank"]', 'my-curves');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('rejects an invalid .nrbank upload with a message in the page', async () => {
    await page.setInputFiles('[data-testid="import-file"]', { name: 'broken.nrbank', mimeType: 'application/octet-stream', buffer: Buffer.from('not a bank') });
    await page.waitForFunction(() => document.querySelector('[data-testid="toast"]').textContent.includes('NR_BANK_PACK_INVALID'));
  });
});

/** The rows of a curve canvas holding the curve's colour (#ff9e3d): its topmost and lowest row. */
async function curveRows(page: Page, name: string): Promise<{ top: number; bottom: number; height: number }> {
  return page.evaluate(`(() => {
    const c = document.querySelector('[data-testid="curve-${name}"]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let top = c.height, bottom = -1;
    for (let y = 0; y < c.height; y++) for (let x = 40; x < c.width - 40; x++) {
      const i = (y * c.width + x) * 4;
      if (Math.abs(d[i] - 255) < 20 && Math.abs(d[i + 1] - 158) < 30 && Math.abs(d[i + 2] - 61) < 40) { top = Math.min(top, y); bottom = Math.max(bottom, y); }
    }
    return { top, bottom, height: c.height };
  })()`);
}
