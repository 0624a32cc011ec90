import { strict as assert } from 'node:assert';
import { PNG } from 'pngjs';
import { createWebServer } from '../../../core/web/create-web-server';
import type { WebHost } from '../../../core/web/web-host';

/** Issue #27 point 5: GET /api/screen.png encoded a PNG on the event loop for every request. */
describe('GET /api/screen.png', () => {
  const realWrite = PNG.sync.write;
  let encodes = 0;
  beforeEach(() => {
    encodes = 0;
    PNG.sync.write = ((png: PNG, options?: object) => (encodes++, realWrite(png, options))) as typeof PNG.sync.write;
  });
  afterEach(() => (PNG.sync.write = realWrite));

  it('encodes once per frame: 200 requests for one frame encode once, a new frame (in the same array) once more', async () => {
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
      const get = () => server.app.inject({ url: '/api/screen.png', headers: { host: '127.0.0.1' } });
      const first = await get();
      assert.equal(first.statusCode, 200, first.body);
      for (let i = 0; i < 199; i++) assert.deepEqual((await get()).rawPayload, first.rawPayload);
      assert.equal(encodes, 1, `200 requests for one frame encoded ${encodes} PNGs`);
      rgba.fill(200, 0, 240 * 4); // the host draws the next frame into the same array
      const next = await get();
      assert.equal(encodes, 2);
      const decoded = PNG.sync.read(next.rawPayload);
      assert.deepEqual([...decoded.data.subarray(0, 4)], [200, 200, 200, 200]);
      assert.deepEqual([...decoded.data.subarray(240 * 4, 240 * 4 + 4)], [40, 40, 40, 40]);
    } finally {
      await server.close();
    }
  });
});
