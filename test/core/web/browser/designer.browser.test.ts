import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { readBank } from '../../../../core/banks/bank-store';
import { createWebServer, type WebServer } from '../../../../core/web/create-web-server';
import { startBenchHost, type BenchHost } from '../helpers/bench-host';
import { chromiumMissing, launchBrowser, SCREENSHOT_DIR } from '../helpers/browser';
import { writeSampleBank } from '../helpers/sample-bank';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('curve designer in Chromium', function () {
  this.timeout(60_000);
  let bench: BenchHost;
  let server: WebServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;

  before(async function () {
    const missing = chromiumMissing();
    if (missing) {
      console.log(`      (${missing})`);
      this.skip();
    }
    bench = await startBenchHost();
    await writeSampleBank(bench.banks.shipped, 'sample-impacts');
    server = await createWebServer(bench.host, { port: 0 });
    const url = await server.listen();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`${url}designer.html`);
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
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.2, { steps: 10 });
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
    // Screenshots go to test-output/screenshots/; copy one to docs/images/ by hand when the page changes.
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

  it('rejects an invalid .nrbank upload with a message in the page', async () => {
    await page.setInputFiles('[data-testid="import-file"]', { name: 'broken.nrbank', mimeType: 'application/octet-stream', buffer: Buffer.from('not a bank') });
    await page.waitForFunction(() => document.querySelector('[data-testid="toast"]').textContent.includes('NR_BANK_PACK_INVALID'));
  });
});
