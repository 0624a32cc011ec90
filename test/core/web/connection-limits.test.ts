import { strict as assert } from 'node:assert';
import { connect, type Socket } from 'node:net';
import { createWebServer, type WebServer } from '../../../core/web/create-web-server';
import { startBenchHost, type BenchHost } from './helpers/bench-host';

/**
 * Issue #27: 1,100 sockets that never finished their headers made the panel unreachable for 85 s.
 * Real sockets on loopback against the real server, with small limits so the test is quick.
 */
describe('web server connection caps and timeouts (real sockets)', function () {
  this.timeout(20_000);
  let bench: BenchHost;
  let server: WebServer;
  let port: number;

  before(async () => {
    bench = await startBenchHost();
    server = await createWebServer(bench.host, { port: 0, connectionLimits: { maxPerAddress: 8, maxConnections: 12, headersTimeoutMs: 600, checkIntervalMs: 100, idleTimeoutMs: 1500 } });
    port = Number(new URL(await server.listen()).port);
  });
  after(async () => {
    await server.close();
    await bench.close();
  });

  const open = (): Promise<Socket> => new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
    s.resume(); // read what the server sends, so its close reaches us
  });
  const closedWithin = (s: Socket, ms: number): Promise<boolean> => new Promise((resolve) => {
    if (s.destroyed) return resolve(true);
    const t = setTimeout(() => resolve(false), ms);
    s.once('close', () => (clearTimeout(t), resolve(true)));
  });
  const get = async (): Promise<number> => (await fetch(`http://127.0.0.1:${port}/api/info`, { headers: { connection: 'close' } })).status;

  it('closes a socket past the per-address cap at once, and serves again when one goes', async () => {
    const held = await Promise.all(Array.from({ length: 8 }, open));
    const extra = await open();
    assert.ok(await closedWithin(extra, 1000), 'the ninth socket from one address is closed');
    held[0]!.destroy();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(await get(), 200);
    for (const s of held) s.destroy();
  });

  it('closes a socket whose headers trickle in (slowloris) after the headers timeout', async () => {
    const s = await open();
    s.write('GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => s.writable && s.write('X-Slow: 1\r\n'), 100);
    const started = Date.now();
    const closed = await closedWithin(s, 3000);
    clearInterval(drip);
    assert.ok(closed, 'still open after 3 s');
    assert.ok(Date.now() - started < 1500, `closed after ${Date.now() - started} ms`);
  });

  it('closes a socket that sends nothing, within the headers timeout', async () => {
    const s = await open();
    const started = Date.now();
    assert.ok(await closedWithin(s, 3000), 'still open after 3 s');
    assert.ok(Date.now() - started < 1500, `closed after ${Date.now() - started} ms`);
  });
});
