import { strict as assert } from 'node:assert';
import type { Host } from '../../../core/host/host';
import type { VirtualClock } from '../../../core/scheduler/virtual-clock';
import { bootHostOnVirtualClock, type VirtualBootedHost } from '../../helpers/booted-host';

describe('Host left alone (virtual clock, nothing patched, no client)', function () {
  this.timeout(120_000);
  let booted: VirtualBootedHost;
  let host: Host;
  let clock: VirtualClock;

  before(async () => {
    booted = await bootHostOnVirtualClock({ profile: 'test' }, { recordAudio: false });
    ({ host, clock } = booted);
    await clock.advance(3000); // boot page, first perform frame, meters at rest
    // The follow meter scores the first render on a thread of its own, in real time: on a loaded
    // machine its reading can land after the 3 s above and redraw the page inside the measured spell.
    for (let i = 0; i < 200 && host.live.follow === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      await clock.advance(10);
    }
    await clock.advance(1000);
  });

  after(() => booted.stop());

  it('draws no screen frame once settled: at most one look a second (the stats), nothing pushed', async () => {
    const before = { ...host.screen.stats };
    const emulatorFrames = host.emulated!.display!.emulator.frames;
    await clock.advance(20_000);
    const after = host.screen.stats;
    assert.equal(after.pushed, before.pushed, 'nothing pushed to the display');
    assert.equal(host.emulated!.display!.emulator.frames, emulatorFrames, 'the ST7789 received no frame');
    assert.ok(after.frames - before.frames <= 21, `at most one frame drawn a second, got ${after.frames - before.frames} in 20 s (15 fps would be 300)`);
    assert.ok(after.idle - before.idle >= 250, `the other ticks draw nothing (${after.idle - before.idle})`);
  });

  it('changes its revision only once a second while nothing happens, and at once when a CV moves', async () => {
    const r0 = host.live.revision();
    await clock.advance(10_000);
    const r1 = host.live.revision();
    assert.ok(r1 - r0 <= 11, `revision moved ${r1 - r0} times in 10 s`);
    const pushed = host.screen.stats.pushed;
    host.emulated!.panel.setCvVolts(2, 3);
    await clock.advance(150);
    assert.notEqual(host.live.revision(), r1, 'a CV change is a new revision');
    assert.ok(host.screen.stats.pushed > pushed, 'and the screen draws it');
    host.emulated!.panel.setCvVolts(2, 0);
    await clock.advance(1000);
  });

  it('keeps none of the audio it plays when recording was not asked', async () => {
    const card = host.emulated!.audio!.card;
    assert.equal(card.keeping, false);
    host.emulated!.panel.setGate(1, true);
    await clock.advance(20);
    host.emulated!.panel.setGate(1, false);
    await clock.advance(2000);
    assert.ok(card.playedFrames > 48_000 * 20, `the card played (${card.playedFrames} frames)`);
    assert.equal(card.recordedFrames(), 0, 'and kept nothing');
  });
});
