import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { readBank } from '../../../../core/banks/bank-store';
import type { Host } from '../../../../core/host/host';
import { bootHost, type BootedHost } from '../../../helpers/booted-host';
import { startLoopbackRegistry, type LoopbackRegistry } from '../../../helpers/loopback-registry';
import { waitFor } from '../../../helpers/wait-for';
import { launchBrowser, type LaunchedBrowser, panelConnected, SCREENSHOT_DIR, skipWithoutChromium } from '../helpers/browser';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The panel's community banks on the running host (virtual profile), against a registry served on 127.0.0.1. */
describe('community banks in the panel, in Chromium (issue #25)', function () {
  this.timeout(90_000);
  const work = fs.mkdtempSync(path.join(tmpdir(), 'nr-community-browser-'));
  const banksBefore = process.env['NEURORACK_BANKS_DIR'];
  let registry: LoopbackRegistry;
  let booted: BootedHost | undefined;
  let host: Host;
  let browser: LaunchedBrowser;
  let page: Page;

  before(async function () {
    skipWithoutChromium(this);
    process.env['NEURORACK_BANKS_DIR'] = path.join(work, 'user-banks');
    registry = await startLoopbackRegistry(path.join(work, 'registry'));
    booted = await bootHost({ profile: 'virtual' });
    host = booted.host;
    const web = await booted.serveWeb();
    browser = await launchBrowser();
    page = await browser.open(web.url);
    await panelConnected(page);
  });
  after(async () => {
    await browser?.close();
    await booted?.stop();
    await registry?.close();
    if (banksBefore === undefined) delete process.env['NEURORACK_BANKS_DIR'];
    else process.env['NEURORACK_BANKS_DIR'] = banksBefore;
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('names a registry, lists its banks with curves, author, licence and size, and installs one with a click', async () => {
    await page.fill('[data-testid="registries"]', registry.url);
    await page.click('[data-testid="save-registries"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="registry-status"]').textContent.includes('for this session'));
    assert.deepEqual(host.live.community.registries(), [registry.url]);

    await page.click('[data-testid="browse-registry"]');
    await page.waitForSelector('[data-testid="registry-bank-community-booms"]');
    const meta = await page.textContent('[data-testid="registry-bank-community-booms"] [data-testid="meta"]');
    const size = fs.statSync(path.join(registry.dir, 'booms.nrbank')).size;
    assert.equal(meta, `Alice · CC-BY-4.0 · 3 entries · ${(size / 1024).toFixed(size < 10240 ? 1 : 0)} KB`);
    // The curves are drawn: three entries, and the canvas has lit pixels.
    await page.waitForFunction(() => document.querySelector('[data-testid="registry-bank-community-booms"] canvas').dataset.drawn === '3');
    const lit = (await page.evaluate(`(() => { const c = document.querySelector('[data-testid="registry-bank-community-booms"] canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })()`)) as number;
    assert.ok(lit > 300, `curve pixels drawn (${lit})`);

    await page.click('[data-testid="install-community-booms"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="install-state-community-booms"]').dataset.state === 'done', undefined, { timeout: 20_000 });
    const { bank } = await readBank(path.join(work, 'user-banks', 'community-booms'));
    assert.deepEqual([bank.id, bank.author, bank.entries.length], ['community-booms', 'Alice', 3]);
    await waitFor('the host to list community-booms', () => host.live.view().banks.map((b) => b.id), { until: (ids) => ids.includes('community-booms') });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-community.png') });
  });

  it('shows the refusal of a tampered pack with the code `bank install` gives, and installs nothing', async () => {
    const pack = path.join(registry.dir, 'bells.nrbank');
    const bytes = fs.readFileSync(pack);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(pack, bytes);
    await page.click('[data-testid="install-community-bells"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="install-state-community-bells"]').dataset.state === 'failed', undefined, { timeout: 20_000 });
    assert.equal(await page.getAttribute('[data-testid="install-state-community-bells"]', 'data-code'), 'NR_BANK_HASH_MISMATCH');
    assert.ok(!fs.existsSync(path.join(work, 'user-banks', 'community-bells')));
  });
});
