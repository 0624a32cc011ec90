import { strict as assert } from 'node:assert';
import { createWebServer, type WebServer } from '../../../core/web/create-web-server';
import { MAX_AUDITION_FRAMES } from '../../../core/web/curve-frames';
import type { WebHost } from '../../../core/web/web-host';
import { startBenchHost, type BenchHost } from './helpers/bench-host';

const POST = { 'content-type': 'application/json', 'x-neurorack-request': '1', host: '127.0.0.1:8940' };
const frame = [0.1, 0.05, 3000, 0.1, 1500, 2000, 110];

/**
 * Issue #27: one POST /api/audition of 20,000 frames (the old limit) took the host to 11.7 GB and
 * 66 s. The budget is enforced before the model sees the request, and one audition runs at a time.
 */
describe('POST /api/audition budget (inject)', () => {
  let bench: BenchHost;
  let server: WebServer;
  let renders: number[];
  let release: (() => void) | undefined;

  before(async () => {
    bench = await startBenchHost();
    const host: WebHost = {
      ...bench.host,
      async audition(frames, seed) {
        renders.push(frames.length);
        if (seed === 7) await new Promise<void>((r) => (release = r));
        return { sampleRate: 22050, samples: new Float32Array(frames.length * 512) };
      },
    };
    server = await createWebServer(host, { port: 0 });
  });
  beforeEach(() => (renders = []));
  after(async () => {
    await server.close();
    await bench.close();
  });

  const audition = (frames: number, seed = 0) => server.app.inject({ method: 'POST', url: '/api/audition', headers: POST, payload: JSON.stringify({ frames: Array(frames).fill(frame), seed }) });

  it('refuses 20,000 frames (the old documented maximum) before parsing or rendering', async () => {
    const res = await audition(20_000);
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'NR_WEB_UPLOAD_TOO_LARGE');
    assert.deepEqual(renders, []);
  });

  it(`refuses ${MAX_AUDITION_FRAMES + 1} frames with the limit named, renders ${MAX_AUDITION_FRAMES}`, async () => {
    const over = await audition(MAX_AUDITION_FRAMES + 1);
    assert.equal(over.statusCode, 400);
    assert.equal(over.json().error.code, 'NR_WEB_MESSAGE_INVALID');
    assert.match(over.json().error.message, new RegExp(`1-${MAX_AUDITION_FRAMES} frames, found ${MAX_AUDITION_FRAMES + 1}`));
    assert.equal((await audition(MAX_AUDITION_FRAMES)).statusCode, 200);
    assert.deepEqual(renders, [MAX_AUDITION_FRAMES]);
  });

  it('runs one audition at a time: a second one meanwhile gets NR_WEB_BUSY (503)', async () => {
    const first = audition(100, 7);
    while (!release) await new Promise((r) => setTimeout(r, 5));
    const second = await audition(100);
    assert.equal(second.statusCode, 503);
    assert.equal(second.json().error.code, 'NR_WEB_BUSY');
    assert.equal(second.headers['retry-after'], '1');
    release();
    assert.equal((await first).statusCode, 200);
    assert.equal((await audition(100)).statusCode, 200, 'the next one runs once the first is done');
  });
});
