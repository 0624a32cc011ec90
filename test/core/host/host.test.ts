import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { doctorReport } from '../../../core/host/doctor';
import type { Host } from '../../../core/host/host';
import type { VirtualClock } from '../../../core/scheduler/virtual-clock';
import { bootHostOnVirtualClock, type VirtualBootedHost } from '../../helpers/booted-host';
import { installModelCopy } from '../../helpers/second-model';

function rms(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / Math.max(1, x.length));
}

describe('Host on the test profile (virtual clock, every device emulated)', function () {
  this.timeout(120_000);
  let booted: VirtualBootedHost;
  let host: Host;
  let clock: VirtualClock;

  before(async () => {
    booted = await bootHostOnVirtualClock({ profile: 'test' });
    ({ host, clock } = booted);
  });

  after(() => booted.stop());

  it('brings every device up ok, as doctor reports', () => {
    const report = doctorReport(host.container);
    assert.deepEqual(report.devices.map((d) => d.kind).sort(), ['audio-out', 'button', 'cv-adc', 'display', 'encoder', 'gate']);
    assert.ok(report.devices.every((d) => d.status === 'ok'), JSON.stringify(report.devices));
  });

  it('draws the perform page on the emulated ST7789, and the button opens the menu', async () => {
    await clock.advance(300);
    const emu = host.emulated!.display!.emulator;
    const lit = (rgba: Uint8ClampedArray) => { let n = 0; for (let i = 0; i < rgba.length; i += 4) if (rgba[i]! + rgba[i + 1]! + rgba[i + 2]! > 60) n++; return n; };
    const perform = emu.readRgba().slice();
    assert.ok(lit(perform) > 2000, `the perform page lights pixels (${lit(perform)})`);
    assert.equal(host.screen.currentPageId(), 'ui-core/perform');
    host.emulated!.panel.setButton(true);
    await clock.advance(60);
    host.emulated!.panel.setButton(false);
    await clock.advance(300);
    assert.equal(host.screen.currentPageId(), 'ui-core/menu');
    const menu = emu.readRgba();
    let differ = 0;
    for (let i = 0; i < menu.length; i += 4) if (menu[i] !== perform[i] || menu[i + 1] !== perform[i + 1]) differ++;
    assert.ok(differ > 5000, `the framebuffer changed to the menu (${differ} pixels)`);
    host.emulated!.panel.setButton(true);
    await clock.advance(1200);
    host.emulated!.panel.setButton(false);
    await clock.advance(300);
    assert.equal(host.screen.currentPageId(), 'ui-core/perform', 'a long press goes back');
  });

  it('plays gate 1, pressed at the emulated ADC, out of the emulated sound card', async () => {
    const card = host.emulated!.audio!.card;
    const before = card.recordedChannel(0).length;
    await clock.advance(200);
    const quiet = card.recordedChannel(0).slice(before);
    host.emulated!.panel.setGate(1, true);
    await clock.advance(20);
    host.emulated!.panel.setGate(1, false);
    await clock.advance(400);
    const after = card.recordedChannel(0);
    const played = after.slice(before + quiet.length);
    assert.ok(rms(quiet) < 1e-4, `silent before the gate (rms ${rms(quiet)})`);
    assert.ok(rms(played) > 1e-3, `sounds after the gate (rms ${rms(played)})`);
  });

  it("gives the screen the playing curves on 0..1 axes, as the HostView contract asks, not in Hz (the perform page drew them off its top)", () => {
    const frames = host.live.view().curves.frames;
    assert.ok(frames.length > 1, `curves shown (${frames.length} frames)`);
    for (const f of frames) assert.ok(f.length === 7 && f.every((v) => v >= 0 && v <= 1), JSON.stringify(f));
    assert.ok(frames.some((f) => f[6]! > 0.05 && f[6]! < 0.95), 'f0 sits inside its log axis');
  });

  it('shows a fault injected on the ADC bus as degraded, then ok once cleared', async () => {
    const bus = host.emulated!.i2cGpio.buses.get(1)!;
    bus.injectFault(0x49, 'nack');
    await clock.advance(100);
    const cv = () => doctorReport(host.container).devices.find((d) => d.kind === 'cv-adc')!;
    assert.equal(cv().status, 'degraded');
    bus.clearFault(0x49);
    await clock.advance(2000);
    assert.equal(cv().status, 'ok', cv().detail);
  });
});

describe('Host: models asked for at or after stop', function () {
  this.timeout(120_000);
  const saved = process.env['NEURORACK_MODELS_DIR'];
  after(() => {
    if (saved === undefined) delete process.env['NEURORACK_MODELS_DIR'];
    else process.env['NEURORACK_MODELS_DIR'] = saved;
  });

  it('refuses a switch once stopped, and releases a model whose load was still running at stop', async () => {
    const second = installModelCopy('sinc-nsf-impacts-v1');
    process.env['NEURORACK_MODELS_DIR'] = second.dir;
    const booted = await bootHostOnVirtualClock({ profile: 'test' });
    const host = booted.host;
    const threadsBefore = readdirSync('/proc/self/task').length;
    const inFlight = host.live.selectModel(second.id).then(() => 'loaded', (e: NeurorackError) => e.code);
    await booted.stop();
    assert.equal(await inFlight, 'NR_USAGE', 'the load that finished after stop is refused');
    await assert.rejects(host.live.selectModel('sinc-nsf-impacts-v1'), (e: NeurorackError) => e.code === 'NR_USAGE' && /stopped/.test(e.message));
    // Its model threads end (the process could not exit while they lived).
    const until = Date.now() + 10_000;
    while (readdirSync('/proc/self/task').length > threadsBefore && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.ok(readdirSync('/proc/self/task').length <= threadsBefore, 'no model thread outlives the host');
  });
});
