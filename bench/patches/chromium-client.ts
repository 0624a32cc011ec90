import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PanelClientStats } from '../panel-client';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--autoplay-policy=no-user-gesture-required'];

/**
 * The real panel in Debian's Chromium (playwright-core, no browser download): opens the page,
 * presses "Start audio" (which subscribes to the audio feed) and stays until the host closes the
 * socket. Frames are counted as Chromium receives them.
 */
export async function chromiumPanel(url: string, timeoutMs: number): Promise<PanelClientStats> {
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'nr-bench-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const stats = { screenFrames: 0, screenBytes: 0, audioSeconds: 0, stateMessages: 0, errors: [] as string[], connectedS: 0 };
  try {
    const page = await context.newPage();
    const openedAt = performance.now();
    let closed = false;
    let audioRate = 48000;
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string') {
          const msg = JSON.parse(payload) as { type: string; info?: { audioRate?: number } };
          if (msg.type === 'state') stats.stateMessages++;
          if (msg.type === 'hello' && msg.info?.audioRate) audioRate = msg.info.audioRate;
          return;
        }
        if (payload[0] === 1) {
          stats.screenFrames++;
          stats.screenBytes += payload.length - 4;
        } else if (payload[0] === 2) stats.audioSeconds += (payload.length - 4) / 4 / audioRate;
      });
      ws.on('close', () => {
        closed = true;
        stats.connectedS = (performance.now() - openedAt) / 1000;
      });
    });
    page.on('pageerror', (err) => stats.errors.push(err.message));
    await page.goto(url);
    await page.click('#start-audio');
    const end = performance.now() + timeoutMs;
    while (!closed && performance.now() < end) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return stats;
}
