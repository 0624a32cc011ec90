import { strict as assert } from 'node:assert';
import { AUDIO_FEED_CHUNK, AudioFeed } from '../../../core/web/audio-feed';
import { PNG } from 'pngjs';
import { waitFor } from '../../helpers/wait-for';
import { PngThread } from '../../../core/web/png-thread';
import { ScreenFeed, SCREEN_FEED_MAX_FPS } from '../../../core/web/screen-feed';
import type { WebHost } from '../../../core/web/web-host';
import { WIRE_HEADER_BYTES, WireTag } from '../../../core/web/wire-format';

/** The part of a WebHost the feeds use, counting its subscriptions. */
function fakeHost() {
  const screen = new Set<(rgba: Uint8ClampedArray) => void>();
  const audio = new Set<(block: Float32Array) => void>();
  let latest: Uint8ClampedArray | undefined = new Uint8ClampedArray(240 * 240 * 4).fill(255);
  const host = {
    info: () => ({ cvJacks: [], gateJacks: [], audioRate: 48000, screen: { width: 240, height: 240 } }),
    onScreenFrame: (l: (rgba: Uint8ClampedArray) => void) => (screen.add(l), () => void screen.delete(l)),
    latestScreen: () => latest,
    onAudioBlock: (l: (block: Float32Array) => void) => (audio.add(l), () => void audio.delete(l)),
  } as unknown as WebHost;
  return {
    host, screen, audio,
    draw(value: number) {
      latest = new Uint8ClampedArray(240 * 240 * 4).fill(value);
      for (const l of screen) l(latest);
    },
    play(block: Float32Array) {
      for (const l of audio) l(block);
    },
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('web feeds', () => {
  describe('ScreenFeed', () => {
    let png: PngThread;
    beforeEach(() => (png = new PngThread()));
    afterEach(() => png.close());

    it('subscribes to the host only while a client listens, and drops its timer and frame when the last leaves', async () => {
      const h = fakeHost();
      const feed = new ScreenFeed(h.host, png);
      assert.equal(h.screen.size, 0, 'nobody listens: no subscription');
      const got: Buffer[] = [];
      const removeA = feed.add((m) => got.push(m));
      const removeB = feed.add(() => undefined);
      assert.equal(h.screen.size, 1, 'one subscription for every client');
      await waitFor('the current screen, once encoded', () => got.length === 1, { intervalMs: 5 });
      assert.equal(got[0]![0], WireTag.ScreenPng);
      assert.deepEqual([...PNG.sync.read(got[0]!.subarray(WIRE_HEADER_BYTES)).data.subarray(0, 4)], [255, 255, 255, 255]);
      h.draw(10);
      removeA();
      assert.equal(feed.running, true, 'B still listens');
      removeB();
      assert.equal(feed.running, false);
      assert.equal(h.screen.size, 0, 'the host has no listener left');
      await wait(1000 / SCREEN_FEED_MAX_FPS + 20);
      assert.equal(got.length, 1, 'the frame pending when the last client left is never sent');
    });

    it('sends the newest of frames that come faster than its rate, the same bytes to every client', async () => {
      const h = fakeHost();
      const feed = new ScreenFeed(h.host, png);
      const a: Buffer[] = [];
      const b: Buffer[] = [];
      feed.add((m) => a.push(m));
      feed.add((m) => b.push(m));
      await waitFor('the first screen', () => a.length === 1, { intervalMs: 5 });
      for (let v = 1; v <= 5; v++) h.draw(v * 20);
      await waitFor('the newest frame', () => a.length === 2, { intervalMs: 5 });
      await wait(3 * (1000 / SCREEN_FEED_MAX_FPS));
      feed.stop();
      assert.equal(a.length, 2, 'the first screen, then one frame for five changes');
      assert.equal(a[1], b[1], 'one encoded message shared by the clients');
      assert.deepEqual([...PNG.sync.read(a[1]!.subarray(WIRE_HEADER_BYTES)).data.subarray(0, 4)], [100, 100, 100, 100], 'the newest of the five');
      assert.equal(png.encodes, 2);
    });

    it('encodes on the PNG thread, never on the main thread (issue #27: 7 ms of the event loop per frame)', async () => {
      const realWrite = PNG.sync.write;
      let mainThreadEncodes = 0;
      PNG.sync.write = ((p: PNG, o?: object) => (mainThreadEncodes++, realWrite(p, o))) as typeof PNG.sync.write;
      try {
        const h = fakeHost();
        const feed = new ScreenFeed(h.host, png);
        const got: Buffer[] = [];
        feed.add((m) => got.push(m));
        for (let v = 1; v <= 3; v++) {
          await waitFor(`frame ${v}`, () => got.length === v, { intervalMs: 5 });
          h.draw(v * 30);
        }
        await waitFor('the last frame', () => got.length === 4, { intervalMs: 5 });
        feed.stop();
        assert.equal(mainThreadEncodes, 0);
        assert.equal(png.encodes, 4);
      } finally {
        PNG.sync.write = realWrite;
      }
    });
  });

  describe('AudioFeed', () => {
    it('hands every client the same full chunk, and stops producing when the last client leaves', () => {
      const h = fakeHost();
      const feed = new AudioFeed(h.host);
      assert.equal(h.audio.size, 0);
      const a: Buffer[] = [];
      const b: Buffer[] = [];
      const removeA = feed.add((m) => a.push(m));
      const removeB = feed.add((m) => b.push(m));
      const block = new Float32Array(256);
      for (let i = 0; i < 9; i++) {
        block.fill(i);
        h.play(block);
      }
      assert.equal(a.length, 2, `${9 * 256} samples make two chunks of ${AUDIO_FEED_CHUNK}`);
      assert.equal(a[0], b[0], 'one message for both clients, no copy per client');
      assert.equal(a[0]![0], WireTag.Audio);
      const samples = new Float32Array(a[1]!.buffer, a[1]!.byteOffset + WIRE_HEADER_BYTES, AUDIO_FEED_CHUNK);
      assert.equal(samples[0], 4, 'the second chunk starts with the fifth block');
      assert.notEqual(a[0]!.buffer, a[1]!.buffer, 'a chunk handed out is never written again (a socket may still hold it)');
      removeA();
      removeB();
      assert.equal(h.audio.size, 0, 'the host has no listener left');
      h.play(block);
      assert.equal(a.length + b.length, 4, 'nothing more is produced');
    });
  });
});
