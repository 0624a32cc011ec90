import assert from 'node:assert/strict';
import type { AdcTapReading } from '../../../../core/devices/cv-adc/cv-adc';
import { emulatedAdc, v1Config } from './cv-adc-fixtures';

/** One single-shot slot at 3300 SPS as the datasheet bounds it: 25 us wake-up + 1.1/DR. */
const SLOT_MS = 0.025 + 1100 / 3300;

/** The v1 board: CVs at 200 Hz, gates 1 and 2 on 0x48 AIN0/AIN1 polled between the scans. */
async function polledRig(pollHz = 1500) {
  const e = emulatedAdc(v1Config());
  e.adc.addTap({ id: 'gate1', chip: 0x48, channel: 0, pollHz });
  e.adc.addTap({ id: 'gate2', chip: 0x48, channel: 1, pollHz });
  await e.adc.open();
  const readings: AdcTapReading[] = [];
  const off = e.adc.onTapReading((r) => readings.push(r));
  return { ...e, readings, off };
}

describe('Ads1x15CvAdc: taps polled between the scans (v1 gates)', () => {
  it('polls each gate at the rate the budget grants, and scans the CVs at 200 Hz meanwhile', async () => {
    const r = await polledRig();
    const hz = r.adc.tapPollHz('gate1');
    assert.ok(hz > 1250 && hz < 1300, `gate 1 granted ${hz} Hz`);
    const scans: number[] = [];
    r.adc.onScan((s) => {
      if (s.jacks.every((j) => j.fresh)) scans.push(s.timeMs);
    });
    r.adc.start();
    await r.clock.advance(1000);
    const gate1 = r.readings.filter((x) => x.id === 'gate1');
    assert.ok(gate1.length >= 0.95 * hz && gate1.length <= hz + 1, `${gate1.length} gate 1 readings in 1 s`);
    assert.ok(scans.length >= 199 && scans.length <= 201, `${scans.length} complete CV scans in 1 s`);
    for (let i = 1; i < scans.length; i++) assert.ok(scans[i]! - scans[i - 1]! < 5 + 2 * SLOT_MS, `scan gap ${scans[i]! - scans[i - 1]!} ms`);
  });

  it('reports an edge between two CV scans within one poll period, stamped when the chip sampled it', async () => {
    const r = await polledRig();
    r.adc.start();
    const period = 1000 / r.adc.tapPollHz('gate1');
    const delays: number[] = [];
    for (let i = 0; i < 40; i++) {
      await r.clock.advance(7.3 + (i % 7) * 0.37); // edges at every phase of the scans and the polls
      const edge = r.clock.now();
      r.chips.get(0x48)!.setJackVolts(0, i % 2 === 0 ? 5 : 0);
      const from = r.readings.length;
      await r.clock.advance(3);
      const first = r.readings.slice(from).find((x) => x.id === 'gate1' && (i % 2 === 0 ? x.volts > 4 : x.volts < 1));
      assert.ok(first, `edge ${i} was read`);
      assert.ok(first.timeMs >= edge, 'never stamped before the edge');
      delays.push(first.timeMs - edge);
    }
    const worst = Math.max(...delays);
    // Between scans, a sample of gate 1 waits at most its interval plus the slot of a conversion
    // in progress (gate 2 or CV 1): far under the 5 ms of the CV scans that used to carry it.
    assert.ok(worst <= period + SLOT_MS + 1e-9, `worst edge-to-sample ${worst.toFixed(3)} ms, poll period ${period.toFixed(3)} ms`);
  });

  it('never starts a conversion on a busy chip, however scans and polls interleave', async () => {
    const r = await polledRig();
    r.adc.start();
    for (let i = 0; i < 30; i++) {
      void r.adc.scan(); // extra scans at odd times, on top of the periodic ones
      await r.clock.advance(1.13);
    }
    for (const address of [0x48, 0x49]) {
      const starts = r.bus.log.filter((t) => t.address === address && t.kind === 'write').length;
      assert.equal(r.chips.get(address)!.conversionsStarted, starts, `0x${address.toString(16)}: every start landed on an idle chip`);
    }
  });

  it('polls only while someone listens, and never uses more transactions than two per conversion', async () => {
    const r = await polledRig();
    await r.clock.advance(10);
    const conversions = r.chips.get(0x48)!.conversionsStarted;
    assert.ok(conversions >= 25, `${conversions} gate conversions in 10 ms of polling`);
    // The two open() probes, then a start and a read per conversion (the last one may be in flight).
    const n = r.bus.log.length;
    assert.ok(n === 2 + 2 * conversions || n === 1 + 2 * conversions, `${n} transactions for ${conversions} conversions`);
    r.off();
    await r.clock.advance(2);
    const after = r.bus.log.length;
    await r.clock.advance(50);
    assert.equal(r.bus.log.length, after, 'no traffic once nobody listens (and no scans run)');
  });

  it('a failing gate chip backs off (bounded tries), the CVs on the other chip keep their rate, and both recover', async () => {
    const r = await polledRig();
    r.adc.start();
    await r.clock.advance(20);
    r.bus.clearLog();
    r.bus.injectFault(0x48, 'nack');
    const scans: Array<{ t: number; fresh: boolean[] }> = [];
    r.adc.onScan((s) => scans.push({ t: s.timeMs, fresh: s.jacks.map((j) => j.fresh) }));
    const from = r.readings.length;
    await r.clock.advance(1000);
    assert.equal(r.adc.health().status, 'degraded');
    assert.match(r.adc.health().detail, /0x48 failing/);
    const tries = r.bus.log.filter((t) => t.address === 0x48).length;
    assert.ok(tries >= 5 && tries <= 15, `${tries} tries on 0x48 in 1 s (backoff 5 ms doubling to 1 s)`);
    assert.equal(r.readings.length, from, 'no tap readings while the chip fails');
    assert.ok(scans.length >= 195, `${scans.length} scans in 1 s`);
    assert.ok(scans.every((s) => s.fresh[1] && s.fresh[2] && s.fresh[3]), 'CVs 2-4 on 0x49 stay fresh');
    r.bus.clearFault(0x48);
    await r.clock.advance(1100);
    assert.equal(r.adc.health().status, 'ok');
    assert.ok(r.readings.length > from + 1000, 'gate polling is back');
  });
});
