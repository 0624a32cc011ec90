import { strict as assert } from 'node:assert';
import { PNG } from 'pngjs';
import type { Host } from '../../../core/host/host';
import { bootHost, type BootedHost } from '../../helpers/booted-host';
import { memoryWebSocket } from '../web/helpers/memory-websocket';
import { WireTag } from '../../../core/web/wire-format';
import type { WebServer } from '../../../core/web/create-web-server';

/** How many RGBA values of two 240x240 frames differ. */
function differing(a: Uint8Array | Uint8ClampedArray, b: Uint8Array | Uint8ClampedArray): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** `neurorack start`'s web server on the running host (virtual profile, real clock), with no websocket client. */
describe('startWeb on the running host, no websocket client (issue #25 point 6)', function () {
  this.timeout(90_000);
  let booted: BootedHost | undefined;
  let host: Host;
  let url: string;
  let server: WebServer;

  before(async () => {
    booted = await bootHost({ profile: 'virtual' });
    host = booted.host;
    ({ url, server } = await booted.serveWeb());
  });
  after(() => booted?.stop());

  const screenPng = async (): Promise<Uint8Array> => {
    const res = await fetch(`${url}api/screen.png`);
    assert.equal(res.status, 200);
    return PNG.sync.read(Buffer.from(await res.arrayBuffer())).data;
  };

  it('gives the perform page the first render\'s curves before any CV moves (they were dropped while the control thread started)', () => {
    assert.ok((host.engine.frames?.length ?? 0) > 1, 'the control thread\'s first curves reached the main thread');
    assert.ok(host.live.view().curves.frames.length > 1);
  });

  it('GET /api/state carries the follow meter: how closely the last render followed its curves, measured off the control thread (issue #25)', async () => {
    let follow: { r: number | null; version: number } | null | undefined;
    for (let i = 0; i < 100 && !follow; i++) {
      follow = ((await (await fetch(`${url}api/state`)).json()) as { follow?: typeof follow }).follow;
      if (!follow) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(follow, 'a reading within 10 s of boot');
    assert.ok(typeof follow.r === 'number' && follow.r > 0.5 && follow.r <= 1, `r ${follow.r}`);
    assert.equal(follow.version, host.live.follow!.version);
  });

  it('GET /api/screen.png returns the frame on the display now, not the one of the first request', async () => {
    await new Promise((r) => setTimeout(r, 800));
    const first = await screenPng();
    const emulator = host.emulated!.display!.emulator;
    const frames = emulator.frames;
    const res = await fetch(`${url}api/control`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-neurorack-request': '1' }, body: JSON.stringify({ type: 'cv', jack: 1, volts: 4.2 }) });
    assert.equal(res.status, 200);
    const end = Date.now() + 5000;
    while (emulator.frames === frames && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    assert.ok(emulator.frames > frames, 'the display received a new frame');
    await new Promise((r) => setTimeout(r, 800)); // the screen settles
    const now = emulator.readRgba();
    assert.ok(differing(first, now) > 100, 'the CV change is on the display');
    const second = await screenPng();
    assert.equal(differing(second, now), 0, 'screen.png is the display as it is now');
  });

  it('brings no audio block to the main thread until a panel subscribes to the audio, and the meter reads the output without them (issue #22 point 5)', async () => {
    assert.equal(host.audio.listening, false, 'nothing on the main thread listens to the blocks: the meter reads the worker\'s levels');
    const control = (event: object) => fetch(`${url}api/control`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-neurorack-request': '1' }, body: JSON.stringify(event) });
    assert.equal((await control({ type: 'gate', jack: 1, state: 'high' })).status, 200);
    let peakDb = -120;
    for (let i = 0; i < 100 && peakDb < -40; i++) {
      await new Promise((r) => setTimeout(r, 20));
      peakDb = host.live.view().output.peakDb;
    }
    await control({ type: 'gate', jack: 1, state: 'low' });
    assert.ok(peakDb >= -40, `the meter shows the gate's sound (peak ${peakDb.toFixed(1)} dB) with no block on this thread`);
    assert.equal(host.audio.listening, false);

    const { ws, opened } = memoryWebSocket(server.app, '/ws', { host: new URL(url).host });
    let audio = 0;
    ws.on('message', (data: Buffer, isBinary: boolean) => void (isBinary && data[0] === WireTag.Audio && audio++));
    await opened;
    ws.send(JSON.stringify({ type: 'subscribe', audio: true }));
    for (let i = 0; i < 250 && audio < 3; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(audio >= 3, `the subscribed panel gets audio (${audio} messages)`);
    assert.equal(host.audio.listening, true, 'the audio feed listens while the panel is subscribed');
    ws.close();
    for (let i = 0; i < 250 && host.audio.listening; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(host.audio.listening, false, 'and lets go when it leaves');
  });

  it('the About page shows the address the panel is served at, not "off"', () => {
    assert.equal(host.live.view().about.address, url.replace(/\/$/, ''));
  });
});
