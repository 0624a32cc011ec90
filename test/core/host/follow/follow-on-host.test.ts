import { strict as assert } from 'node:assert';
import type { Host } from '../../../../core/host/host';
import type { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { theme } from '../../../../core/ui/theme';
import { bootHostOnVirtualClock, type VirtualBootedHost } from '../../../helpers/booted-host';

/** Pixels of the framebuffer within 8 of one of `colours` on every channel (RGB565 rounds them), inside a rectangle. */
function pixelsNear(rgba: Uint8ClampedArray, colours: readonly string[], x0: number, y0: number, x1: number, y1: number): number {
  const want = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * 240 + x) * 4;
      if (want.some((c) => c.every((v, k) => Math.abs(rgba[i + k]! - v) <= 8))) n++;
    }
  }
  return n;
}

describe('the follow meter on the running host (test profile, emulated chips)', function () {
  this.timeout(120_000);
  let booted: VirtualBootedHost | undefined;
  let host: Host;
  let clock: VirtualClock;

  before(async () => {
    booted = await bootHostOnVirtualClock({ profile: 'test' });
    ({ host, clock } = booted);
  });
  after(() => booted?.stop());

  /** Lets virtual time run while the meter's thread works in real time. */
  const until = <T>(what: string, read: () => T, holds?: (value: T) => boolean) => booted!.until(what, read, { intervalMs: 10, until: holds });

  it('measures the render a CV change asked for and shows r on the perform page, with the gates still played', async () => {
    await until('a follow reading', () => host.live.view().follow);
    const first = host.live.view().follow!;
    host.emulated!.panel.setCvVolts(1, 4);
    await until('a newer follow reading', () => host.live.view().follow?.version ?? 0, (version) => version > first.version);
    const f = host.live.view().follow!;
    assert.ok(f.r !== null && f.r > -1 && f.r <= 1, `r ${f.r}`);
    assert.ok(f.r! > 0.5, `the shipped model follows a shipped bank's curves (r ${f.r})`);
    assert.ok(f.worst && f.worst.r <= f.r!);
    const rgba = host.emulated!.display!.emulator.readRgba();
    assert.ok(pixelsNear(rgba, [theme.ok, theme.warn, theme.error], 150, 180, 236, 193) > 40, 'FOLLOW r drawn top right of the curves');

    const card = host.emulated!.audio!.card;
    const before = card.recordedChannel(0).length;
    host.emulated!.panel.setGate(1, true);
    await clock.advance(20);
    host.emulated!.panel.setGate(1, false);
    await clock.advance(300);
    const played = card.recordedChannel(0).slice(before);
    assert.ok(played.some((x) => Math.abs(x) > 1e-3), 'gate 1 still sounds');
  });
});
