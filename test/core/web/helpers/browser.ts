import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { packageRoot } from '../../../../core/paths';

/** Debian's Chromium (installed by the set-up; no browser is ever downloaded). */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
export const SCREENSHOT_DIR = join(packageRoot, 'test-output', 'screenshots');

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is absent (apt-get install chromium): browser tests skipped`;
}

/** A fresh Chromium profile per suite; `close()` removes it. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'nr-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 } });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The panel's 240x240 screen canvas as RGBA values, read back through the page (rows `y0`..`y1`). */
export async function screenPixels(page: import('playwright-core').Page, y0 = 0, y1 = 240): Promise<number[]> {
  return page.evaluate(`Array.from(document.getElementById('screen').getContext('2d').getImageData(0, ${y0}, 240, ${y1 - y0}).data)`);
}

/** How many values differ between two readings of the screen. */
export function changedValues(a: readonly number[], b: readonly number[]): number {
  return b.reduce((n, v, i) => n + (v !== a[i] ? 1 : 0), 0);
}

/** Polls a condition on the test's side (the host's state) until it holds or times out. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
