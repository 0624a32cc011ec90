/**
 * Draws the README's pictures from what a fresh clone ships: the `virtual` module (its default
 * model, the shipped banks; the user's own models and banks left out) served to Debian's Chromium
 * for the panel and the curve designer, and the screen pages as `neurorack screenshot` draws them.
 * Writes the PNGs and `images.json` (what each picture shows) into docs/images/ or `--out DIR`.
 *
 *   npm run docs:images [-- --out DIR]
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
const SCREEN_PAGES = ['perform', 'menu', 'models'];

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--out');
  const { packageRoot } = await import('../core/paths');
  const out = resolve(at >= 0 && argv[at + 1] ? argv[at + 1]! : join(packageRoot, 'docs', 'images'));
  mkdirSync(out, { recursive: true });
  // Only what ships: the user's folders are swapped for empty ones before anything reads them.
  const home = mkdtempSync(join(tmpdir(), 'nr-readme-images-'));
  process.env['NEURORACK_BANKS_DIR'] = join(home, 'banks');
  process.env['NEURORACK_MODELS_DIR'] = join(home, 'models');
  const shown: Record<string, unknown> = {};
  try {
    await screenPages(out, shown);
    await browserPages(out, shown);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  writeFileSync(join(out, 'images.json'), `${JSON.stringify({ command: 'npm run docs:images', images: shown }, null, 2)}\n`);
  process.stdout.write(`wrote ${Object.keys(shown).length} pictures to ${out}\n`);
}

async function screenPages(out: string, shown: Record<string, unknown>): Promise<void> {
  const { shippedHostView } = await import('../core/host/shipped-host-view');
  const { offlineScreen, showPage } = await import('../core/ui/offline-screen');
  const view = await shippedHostView();
  for (const page of SCREEN_PAGES) {
    const screen = await offlineScreen(view);
    showPage(screen.runtime, page);
    await screen.runtime.frame();
    writeFileSync(join(out, `screen-${page}.png`), screen.display.toPng());
    shown[`screen-${page}.png`] = { model: view.model.id, bank: view.bank.id, entryA: view.bank.entryA, entryB: view.bank.entryB };
  }
}

async function browserPages(out: string, shown: Record<string, unknown>): Promise<void> {
  const { chromium } = await import('playwright-core');
  const { Host } = await import('../core/host/host');
  const { startWeb } = await import('../core/host/start-web');
  const host = await Host.boot({ profile: 'virtual' }, { onError: (e) => process.stderr.write(`readme-images: ${e.describe()}\n`) });
  const web = await startWeb(host, { host: '127.0.0.1', port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'nr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(web.url);
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]').dataset.state === 'connected');
    await page.waitForFunction(() => document.getElementById('model-name').textContent.length > 0);
    await page.click('[data-testid="start-audio"]');
    const knob = page.locator('[data-testid="knob-1"]');
    const box = (await knob.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 24, { steps: 6 });
    await page.mouse.up();
    const gate = page.locator('[data-testid="gate-1"]');
    await gate.dispatchEvent('pointerdown', { pointerId: 1, button: 0 });
    await page.waitForTimeout(60);
    await gate.dispatchEvent('pointerup', { pointerId: 1, button: 0 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="audio-stats"]').dataset.peak) > 0.05, undefined, { timeout: 10_000 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, 'panel.png') });
    shown['panel.png'] = { model: (await page.textContent('#model-name'))?.trim(), bank: host.live.view().bank.id, entryA: host.live.view().bank.entryA };

    const view = host.live.view();
    await page.goto(`${web.url}designer.html`);
    const entry = `[data-testid="entry-${view.bank.bankA}-${view.bank.entryA}"]`;
    await page.waitForSelector(entry);
    await page.click(entry);
    await page.waitForFunction((name) => document.querySelector('[data-testid="current-entry"]').textContent.includes(name), view.bank.entryA);
    await page.waitForFunction(() => !!document.getElementById('curves').dataset.model);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, 'curve-designer.png'), fullPage: true });
    shown['curve-designer.png'] = { model: await page.evaluate(() => document.getElementById('curves').dataset.model), bank: view.bank.bankA, entry: view.bank.entryA };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await web.server.close();
    await host.stop();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`readme-images: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
