import { strict as assert } from 'node:assert';
import { bringUpDevices } from '../../../core/container/bring-up-devices';
import { buildContainer } from '../../../core/container/build-container';
import { Tokens } from '../../../core/container/tokens';
import { closeDevices } from '../../../core/host/doctor';
import { st7789InitSequence } from '../../../core/devices/display/st7789-init';
import type { DependencyContainer } from 'tsyringe';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';
import { inFreshNode, LOADED_MODULES } from '../../helpers/fresh-node';

/** The panel's own delays in the rack's init sequence: the reset pulse low and high (50 ms each), then each command's wait. */
function panelInitDelaysMs(c: DependencyContainer): number {
  const init = c.resolve(Tokens.Rack).config.devices.display.init;
  return 2 * 50 + st7789InitSequence(init, { caset: [0, 0, 0, 0], raset: [0, 0, 0, 0] }).reduce((ms, step) => ms + (step.delayMs ?? 0), 0);
}

describe('bringUpDevices and the display\'s init sequence', function () {
  this.timeout(20000);

  it('beside: returns with the audio device open while the display still runs its init sequence, which displayOpened waits for', async () => {
    const c = buildContainer({ profile: 'virtual' });
    const PANEL_INIT_DELAYS_MS = panelInitDelaysMs(c);
    const t0 = performance.now();
    try {
      const { displayOpened } = await bringUpDevices(c, { displayInit: 'beside' });
      const upMs = performance.now() - t0;
      const display = c.resolve(Tokens.Display);
      assert.notEqual(display.health().status, 'ok', `the display is not up yet when the devices are (${upMs.toFixed(0)} ms): ${display.health().detail}`);
      assert.ok(upMs < PANEL_INIT_DELAYS_MS, `the devices came up in ${upMs.toFixed(0)} ms, not after the panel's ${PANEL_INIT_DELAYS_MS} ms of delays`);
      assert.equal(c.resolve(Tokens.AudioOut).health().status, 'ok', 'the audio device is open');
      await displayOpened;
      const openedMs = performance.now() - t0;
      assert.equal(display.health().status, 'ok', display.health().detail);
      assert.ok(openedMs >= PANEL_INIT_DELAYS_MS, `the display came up after its delays (${openedMs.toFixed(0)} ms)`);
    } finally {
      await closeDevices(c);
    }
  });

  it('in turn: the display has run its init sequence when the devices are up (a virtual clock, moved while it waits)', async () => {
    const clock = new VirtualClock();
    const c = buildContainer({ profile: 'virtual' }, { clock });
    const PANEL_INIT_DELAYS_MS = panelInitDelaysMs(c);
    try {
      const { displayOpened } = await bringUpDevices(c, { displayInit: 'in-turn' });
      assert.equal(c.resolve(Tokens.Display).health().status, 'ok', c.resolve(Tokens.Display).health().detail);
      assert.ok(clock.now() >= PANEL_INIT_DELAYS_MS, `the virtual clock moved through the panel's delays (${clock.now()} ms)`);
      await displayOpened;
    } finally {
      await closeDevices(c);
    }
  });

  it('on the real clock the emulated card is left to the audio worker: this thread loads no resampler, and the card can still be shared', () => {
    const seen = inFreshNode(`
      require('reflect-metadata');
      const { buildContainer } = require('./dist/core/container/build-container');
      const { bringUpDevices } = require('./dist/core/container/bring-up-devices');
      const { Tokens } = require('./dist/core/container/tokens');
      const { closeDevices } = require('./dist/core/host/doctor');
      (async () => {
        const c = buildContainer({ profile: 'virtual' });
        await bringUpDevices(c, { displayInit: 'beside' });
        const out = c.resolve(Tokens.AudioOut);
        const loaded = ${LOADED_MODULES};
        const result = { health: out.health().status, space: out.space(), written: out.write(new Float32Array(128)), dropped: out.dropped, shared: out.share() !== undefined, libsamplerate: loaded.filter((m) => m.includes('libsamplerate') || m.includes('stream-resampler')) };
        await closeDevices(c);
        console.log(JSON.stringify(result));
        process.exit(0);
      })();
    `) as { health: string; space: number; written: boolean; dropped: number; shared: boolean; libsamplerate: string[] };
    assert.deepEqual(seen.libsamplerate, [], 'neither libsamplerate nor the stream resampler is loaded on this thread');
    assert.equal(seen.health, 'ok');
    assert.equal(seen.shared, true, 'the audio worker can take the card');
    assert.equal(seen.space, 0);
    assert.equal(seen.written, false, 'a block written here is dropped, not played');
    assert.equal(seen.dropped, 1);
  });

  it('on a virtual clock this thread writes the card itself: its driver has a resampler', async () => {
    const clock = new VirtualClock();
    const c = buildContainer({ profile: 'virtual' }, { clock });
    try {
      await bringUpDevices(c, { displayInit: 'in-turn' });
      const out = c.resolve(Tokens.AudioOut);
      assert.ok(out.space() > 0, 'the driver takes blocks');
      assert.equal(out.write(new Float32Array(128)), true);
      assert.equal(out.dropped, 0);
    } finally {
      await closeDevices(c);
    }
  });
});
