import { strict as assert } from 'node:assert';
import { PNG } from 'pngjs';
import type { Host } from '../../../core/host/host';
import { bootHost, type BootedHost } from '../../helpers/booted-host';

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

  before(async () => {
    booted = await bootHost({ profile: 'virtual' });
    host = booted.host;
    ({ url } = await booted.serveWeb());
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

  it('the About page shows the address the panel is served at, not "off"', () => {
    assert.equal(host.live.view().about.address, url.replace(/\/$/, ''));
  });
});
