import { strict as assert } from 'node:assert';
import { networkInterfaces } from 'node:os';
import { createWebServer, type WebServer } from '../../../../core/web/create-web-server';
import { startBenchHost, type BenchHost } from '../helpers/bench-host';
import { launchBrowser, panelConnected, skipWithoutChromium } from '../helpers/browser';

/** This machine's first non-loopback IPv4 address, if it has one (else 127.0.0.1 still needs pairing). */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

describe('pairing when bound beyond loopback (real sockets, Chromium)', function () {
  this.timeout(60_000);
  let bench: BenchHost;
  let server: WebServer;
  let base: string;
  let code: string | undefined;

  before(async () => {
    bench = await startBenchHost();
    // 0.0.0.0 is reachable from the network: the server requires pairing whatever address is used
    server = await createWebServer(bench.host, { host: '0.0.0.0', port: 0, onPairingCode: (c) => (code = c) });
    const port = new URL(await server.listen()).port;
    base = `http://${lanAddress() ?? '127.0.0.1'}:${port}/`;
  });
  after(async () => {
    await server?.close();
    await bench?.close();
  });

  it('refuses a request without the pairing code, and accepts one with it', async () => {
    const refused = await fetch(`${base}api/info`);
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'NR_WEB_PAIRING_REQUIRED');
    assert.match(code!, /^\d{10}$/);
    assert.equal(bench.screenState.pairingCode, `${code!.slice(0, 5)}-${code!.slice(5)}`, 'the code is on the module screen');
    const accepted = await fetch(`${base}api/info`, { headers: { 'x-neurorack-pairing': code! } });
    assert.equal(accepted.status, 200);
  });

  it('refuses an unpaired websocket', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const WebSocketClient = require('ws') as new (url: string) => { on(event: string, listener: (...args: any[]) => void): void; close(): void; terminate(): void }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const status = await new Promise<number | string>((resolve) => {
      const ws = new WebSocketClient(`${base.replace('http', 'ws')}ws`);
      ws.on('open', () => (ws.close(), resolve('open')));
      ws.on('unexpected-response', (req: { destroy(): void }, res: { statusCode: number }) => {
        req.destroy();
        resolve(res.statusCode);
      });
      ws.on('error', () => undefined);
    });
    assert.equal(status, 401);
  });

  it('pairs a browser with the code from the screen, then the panel connects', async function () {
    skipWithoutChromium(this);
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const first = await page.goto(base);
      assert.equal(first!.status(), 401);
      await page.fill('#pair-code', '0000000000' === code ? '1111111111' : '0000000000');
      await page.click('button[type="submit"]');
      await page.waitForSelector('.error');
      await page.fill('#pair-code', code!);
      await page.click('button[type="submit"]');
      await page.waitForSelector('[data-testid="knob-1"]');
      await panelConnected(page);
    } finally {
      await browser.close();
    }
  });
});
