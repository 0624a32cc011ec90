import { strict as assert } from 'node:assert';
import { PNG } from 'pngjs';
import { createWebServer } from '../../../core/web/create-web-server';
import { PngThread } from '../../../core/web/png-thread';
import { ScreenPng } from '../../../core/web/screen-png';
import type { WebHost } from '../../../core/web/web-host';

/**
 * Issue #27 point 5: GET /api/screen.png encoded a PNG on the event loop for every request (5,000
 * requests: 22,600 missed deadlines and 2 xruns). Now once per frame, on the PNG thread.
 */
describe('GET /api/screen.png', () => {
  const realWrite = PNG.sync.write;
  let mainThreadEncodes = 0;
  beforeEach(() => {
    mainThreadEncodes = 0;
    PNG.sync.write = ((png: PNG, options?: object) => (mainThreadEncodes++, realWrite(png, options))) as typeof PNG.sync.write;
  });
  afterEach(() => (PNG.sync.write = realWrite));

  it('encodes once per frame on the PNG thread: 200 requests and 20 at once for one frame encode once, a new frame (in the same array) once more', async () => {
    const thread = new PngThread();
    const screen = new ScreenPng(thread);
    const rgba = new Uint8ClampedArray(240 * 240 * 4).fill(40);
    try {
      const first = await screen.of(rgba, 240, 240);
      for (let i = 0; i < 199; i++) assert.deepEqual(await screen.of(rgba, 240, 240), first);
      assert.equal(thread.encodes, 1, `200 requests for one frame encoded ${thread.encodes} PNGs`);
      rgba.fill(200, 0, 240 * 4); // the host draws the next frame into the same array
      const together = await Promise.all(Array.from({ length: 20 }, () => screen.of(rgba, 240, 240)));
      assert.equal(thread.encodes, 2, `20 requests at once for a new frame encoded ${thread.encodes - 1}`);
      together.forEach((png) => assert.equal(png, together[0]));
      const decoded = PNG.sync.read(together[0]!);
      assert.deepEqual([...decoded.data.subarray(0, 4)], [200, 200, 200, 200]);
      assert.deepEqual([...decoded.data.subarray(240 * 4, 240 * 4 + 4)], [40, 40, 40, 40]);
      assert.equal(mainThreadEncodes, 0, 'nothing was encoded on the main thread');
    } finally {
      await thread.close();
    }
  });

  it('serves the screen through the web server without encoding on its event loop', async () => {
    const rgba = new Uint8ClampedArray(240 * 240 * 4).fill(40);
    const host = {
      info: () => ({ cvJacks: [], gateJacks: [], audioRate: 48000, screen: { width: 240, height: 240 } }),
      latestScreen: () => rgba,
      onScreenFrame: () => () => undefined,
      onAudioBlock: () => () => undefined,
      showPairingCode: () => undefined,
      showPairingAlert: () => undefined,
    } as unknown as WebHost;
    const server = await createWebServer(host, { port: 0 });
    try {
      for (const value of [40, 90, 160]) {
        rgba.fill(value);
        const res = await server.app.inject({ url: '/api/screen.png', headers: { host: '127.0.0.1' } });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.headers['content-type'], 'image/png');
        const decoded = PNG.sync.read(res.rawPayload);
        assert.deepEqual([decoded.width, decoded.height], [240, 240]);
        assert.deepEqual([...decoded.data.subarray(1000, 1004)], [value, value, value, value]);
      }
      assert.equal(mainThreadEncodes, 0, 'nothing was encoded on the main thread');
    } finally {
      await server.close();
    }
  });
});
