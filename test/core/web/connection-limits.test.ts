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

  const open = (from = '127.0.0.1'): Promise<Socket> => new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', localAddress: from }, () => resolve(s));
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
    const held = await Promise.all(Array.from({ length: 8 }, () => open()));
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

  it('at the cap in all, lets a browser in by closing the oldest socket that sent no request (slowloris from several addresses)', async () => {
    // 12 silent sockets from two addresses fill the cap (12); the attack bench held all 256 this way from 35 addresses.
    const silent: Socket[] = [];
    for (const from of ['127.0.0.2', '127.0.0.3']) {
      for (let i = 0; i < 6; i++) {
        silent.push(await open(from));
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    assert.equal(await get(), 200, 'the panel answers');
    assert.ok(await closedWithin(silent[0]!, 1000), 'the oldest silent socket made room');
    assert.equal(silent.slice(2).filter((s) => s.destroyed).length, 0, 'the others stay until their headers timeout');
    for (const s of silent) s.destroy();
  });

  it('refuses a new socket only when every open one has sent a request', async () => {
    const agentSockets: Socket[] = [];
    for (let i = 0; i < 12; i++) {
      const s = await open(i < 6 ? '127.0.0.4' : '127.0.0.5');
      s.write('GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'); // a whole request: the socket stays (keep-alive)
      agentSockets.push(s);
    }
    await new Promise((r) => setTimeout(r, 200));
    const late = await open('127.0.0.6');
    assert.ok(await closedWithin(late, 1000), 'the thirteenth socket is refused');
    assert.equal(agentSockets.filter((s) => s.destroyed).length, 0, 'no socket that sent a request was closed for it');
    for (const s of agentSockets) s.destroy();
  });
});
