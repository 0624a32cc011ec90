import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { packageRoot } from '../../../../core/paths';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Debian's Chromium (installed by the set-up; no browser is ever downloaded). */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
export const SCREENSHOT_DIR = join(packageRoot, 'test-output', 'screenshots');

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is absent (apt-get install chromium): browser tests skipped`;
}

/** Skips the test or suite `ctx` belongs to, saying why, where Debian's Chromium is not installed. */
export function skipWithoutChromium(ctx: Mocha.Context): void {
  const missing = chromiumMissing();
  if (missing) {
    console.log(`      (${missing})`);
    ctx.skip();
  }
}

/** Debian's Chromium, headless with the project's flags, on a profile of its own. */
export interface LaunchedBrowser {
  readonly context: BrowserContext;
  /** A new page, navigated to `url`. */
  open(url: string): Promise<Page>;
  /** Closes Chromium and removes its profile. */
  close(): Promise<void>;
}

/** A fresh Chromium profile per suite; `close()` removes it. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'nr-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 } });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the panel in `page` says its live socket is connected. */
export async function panelConnected(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="connection"]').dataset.state === 'connected');
}

/** The panel's 240x240 screen canvas as RGBA values, read back through the page (rows `y0`..`y1`). */
export async function screenPixels(page: import('playwright-core').Page, y0 = 0, y1 = 240): Promise<number[]> {
  return page.evaluate(`Array.from(document.getElementById('screen').getContext('2d').getImageData(0, ${y0}, 240, ${y1 - y0}).data)`);
}

/** How many values differ between two readings of the screen. */
export function changedValues(a: readonly number[], b: readonly number[]): number {
  return b.reduce((n, v, i) => n + (v !== a[i] ? 1 : 0), 0);
}
