import { strict as assert } from 'node:assert';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { createWebServer, type WebServer } from '../../../core/web/create-web-server';
import { LIVE_MAX_BUFFERED_BYTES, type LiveClientReport } from '../../../core/web/live-client';
import { WireTag } from '../../../core/web/wire-format';
import { waitFor } from '../../helpers/wait-for';
import { startBenchHost, type BenchHost } from './helpers/bench-host';
import { memoryWebSocket } from './helpers/memory-websocket';

const HOST = { host: '127.0.0.1:8940' };

interface WebStats {
  readonly screen: { clients: number; running: boolean };
  readonly audio: { clients: number; running: boolean };
  readonly clients: LiveClientReport[];
}

/** Looks every 20 ms, for 10 s unless told. */
const until = (what: string, test: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> => waitFor(what, test, { timeoutMs, intervalMs: 20 });

describe('GET /ws: the panel\'s live socket and what a client holds', function () {
  this.timeout(60_000);
  let bench: BenchHost;
  let server: WebServer;
  const reports: NeurorackError[] = [];

  before(async () => {
    bench = await startBenchHost();
    server = await createWebServer(bench.host, { port: 0, onClientReport: (e) => reports.push(e) });
  });
  after(async () => {
    await server.close();
    await bench.close();
  });

  const web = async (): Promise<WebStats> => (await server.app.inject({ url: '/api/stats', headers: HOST })).json<{ web: WebStats }>().web;

  /** A panel client (over memory, see memoryWebSocket), counting what it receives. */
  async function connect() {
    const { ws, stream, opened } = memoryWebSocket(server.app, '/ws', HOST);
    const got = { screen: 0, audio: 0, text: [] as Array<{ type: string }> };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) got.text.push(JSON.parse(data.toString()) as { type: string });
      else if (data[0] === WireTag.ScreenPng) got.screen++;
      else if (data[0] === WireTag.Audio) got.audio++;
    });
    await opened;
    return { ws, stream, got };
  }

  it('runs the screen and audio feeds only while a client is subscribed, and removes everything the client held when it goes', async () => {
    const idle = await web();
    assert.deepEqual([idle.clients.length, idle.screen.running, idle.audio.running], [0, false, false], 'no client: no feed runs');
    const readsBefore = bench.screenReads;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(bench.screenReads, readsBefore, 'no client: the screen is not polled');

    const { ws, got } = await connect();
    ws.send(JSON.stringify({ type: 'subscribe', audio: true }));
    await until('hello, the screen and audio', () => got.text.some((m) => m.type === 'hello') && got.screen >= 1 && got.audio > 2);
    const live = await web();
    assert.equal(live.clients.length, 1);
    assert.deepEqual([live.screen.clients, live.screen.running, live.audio.clients, live.audio.running], [1, true, 1, true]);
    assert.equal(live.clients[0]!.audio, true);

    ws.close();
    await until('the client to be gone', async () => (await web()).clients.length === 0);
    const after = await web();
    assert.deepEqual([after.screen.running, after.audio.running], [false, false], 'the feeds stopped with their last client');
    const audioThen = got.audio;
    const reads = bench.screenReads;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(bench.screenReads, reads, 'the screen poll stopped');
    assert.equal(got.audio, audioThen, 'no audio is produced for nobody');
  });

  it('a client that stops reading has its frames dropped (bounded), is named in a report, and gets them again once it reads', async () => {
    reports.length = 0;
    const { ws, stream, got } = await connect();
    ws.send(JSON.stringify({ type: 'subscribe', audio: true }));
    await until('audio', () => got.audio > 2);
    stream.pause(); // the page stops reading (a frozen tab, a dead phone)
    // A knob turning elsewhere keeps the screen changing: frames pile up beside the audio.
    let volts = 0;
    const knob = setInterval(() => void server.app.inject({ method: 'POST', url: '/api/control', headers: { ...HOST, 'content-type': 'application/json', 'x-neurorack-request': '1' }, payload: { type: 'cv', jack: 1, volts: (volts = -volts + 0.5) } }), 40);
    await until('the slow-client report', () => reports.some((r) => r.code === 'NR_WEB_CLIENT_SLOW'), 20_000).finally(() => clearInterval(knob));
    assert.match(reports[0]!.message, /web client .* is not reading its websocket/);
    await new Promise((r) => setTimeout(r, 1500));
    const stalled = (await web()).clients[0]!;
    assert.ok(stalled.dropped.audio > 10, `audio dropped for it (${JSON.stringify(stalled.dropped)})`);
    assert.ok(stalled.bufferedBytes < LIVE_MAX_BUFFERED_BYTES + 64 * 1024, `what waits for it stays bounded (${stalled.bufferedBytes} bytes)`);

    stream.resume();
    await until('the recovery report', () => reports.some((r) => /reads again/.test(r.message)), 20_000);
    const audioNow = got.audio;
    await until('audio flowing again', () => got.audio > audioNow + 5);
    ws.close();
    await until('the client to be gone', async () => (await web()).clients.length === 0);
  });

  it('sends the state at a gate edge at once, at most every 20 ms, and counts every rise (issue #25 point 6)', async () => {
    const { ws, got } = await connect();
    const states = () => got.text.filter((m) => m.type === 'state') as unknown as Array<{ gates: Array<{ jack: number; high: boolean; rises: number }> }>;
    await until('the first state', () => states().length > 0);
    await new Promise((r) => setTimeout(r, 150));
    const before = states().length;
    const rises = states().at(-1)!.gates[0]!.rises;
    // one short press: its state arrives well before the next 100 ms tick
    const t0 = performance.now();
    bench.host.apply({ type: 'gate', jack: 1, state: 'high' });
    await until('the edge\'s state', () => states().length > before, 1000);
    assert.ok(performance.now() - t0 < 60, `sent ${(performance.now() - t0).toFixed(0)} ms after the edge`);
    bench.host.apply({ type: 'gate', jack: 1, state: 'low' });
    // 100 presses in about 100 ms: a few messages, not 200, and the count holds them all
    const burst = states().length;
    const start = performance.now();
    for (let i = 0; i < 100; i++) {
      bench.host.apply({ type: 'gate', jack: 1, state: 'high' });
      bench.host.apply({ type: 'gate', jack: 1, state: 'low' });
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 10));
    }
    const took = performance.now() - start;
    await new Promise((r) => setTimeout(r, 250));
    const sent = states().length - burst;
    assert.ok(sent <= Math.ceil((took + 250) / 20) + 2, `${sent} state messages for 200 edges in ${took.toFixed(0)} ms`);
    assert.equal(states().at(-1)!.gates[0]!.rises, rises + 101, 'every rise is counted');
    ws.close();
    await until('the client to be gone', async () => (await web()).clients.length === 0);
  });
});
