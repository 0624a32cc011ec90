import assert from 'node:assert/strict';
import type { AdcTapReading } from '../../../../core/devices/cv-adc/cv-adc';
import { emulatedAdc, v1Config } from './cv-adc-fixtures';

/** One single-shot slot at 3300 SPS as the datasheet bounds it: 25 us wake-up + 1.1/DR. */
const SLOT_MS = 0.025 + 1100 / 3300;

/** The v1 board with its gates polled (0x48 AIN0/AIN1) and the CV jacks polled with what they leave. */
async function rig(jackPollHz: number) {
  const e = emulatedAdc(v1Config({ jackPollHz }));
  e.adc.addTap({ id: 'gate1', chip: 0x48, channel: 0, pollHz: 1500 });
  e.adc.addTap({ id: 'gate2', chip: 0x48, channel: 1, pollHz: 1500 });
  await e.adc.open();
  const readings: AdcTapReading[] = [];
  const off = e.adc.onTapReading((r) => readings.push(r));
  return { ...e, readings, off };
}

/** Starts a scan asking for samples from `sinceMs` on; resolves with the scan and how long it took (clock ms). */
async function scanFrom(r: Awaited<ReturnType<typeof rig>>, sinceMs: number) {
  const calledAt = r.clock.now();
  let doneAt = NaN;
  const p = r.adc.scan(sinceMs).then((s) => ((doneAt = r.clock.now()), s));
  for (let i = 0; i < 60 && Number.isNaN(doneAt); i++) await r.clock.advance(0.05);
  return { scan: await p, tookMs: doneAt - calledAt };
}

describe('Ads1x15CvAdc: CV jacks polled between the scans (jackPollHz)', () => {
  it('polls CVs 2-4 on 0x49 with the chip (about 930 Hz each), leaves CV 1 to the scans, and the gates their rate', async () => {
    const r = await rig(1000);
    assert.equal(r.adc.jackPollHz(1), 0, 'CV 1 shares 0x48 with the gates, which take every free conversion');
    for (const jack of [2, 3, 4]) {
      const hz = r.adc.jackPollHz(jack);
      assert.ok(hz > 900 && hz < 940, `CV ${jack} granted ${hz} Hz`);
    }
    const gate = r.adc.tapPollHz('gate1');
    assert.ok(gate > 1250 && gate < 1300, `gate 1 keeps ${gate} Hz`);
    const before = r.chips.get(0x49)!.conversionsStarted;
    await r.clock.advance(1000);
    const converted = r.chips.get(0x49)!.conversionsStarted - before;
    assert.ok(converted > 2700 && converted < 2800, `0x49 converted ${converted} times in 1 s (a slot every ${SLOT_MS.toFixed(3)} ms)`);
    const unpolled = await rig(0);
    assert.equal(unpolled.adc.jackPollHz(2), 0);
    const idle = unpolled.chips.get(0x49)!.conversionsStarted;
    await unpolled.clock.advance(1000);
    assert.equal(unpolled.chips.get(0x49)!.conversionsStarted, idle, 'not polled, 0x49 waits for scans');
  });

  it("a scan from a gate's edge takes the polled jacks as read since then, converting only the others: done within two slots, the values those of the jacks", async () => {
    const r = await rig(1000);
    const volts = [-3, 1.5, 4, -0.5];
    volts.forEach((v, i) => r.setJack(i + 1, v));
    await r.clock.advance(20.13);
    // as a gate's scan asks, its edge read about 0.4 ms ago: samples from 0.5 ms before the edge
    const since = r.clock.now() - 0.9;
    const { scan, tookMs } = await scanFrom(r, since);
    assert.ok(tookMs <= 2 * SLOT_MS + 0.05 + 1e-9, `the scan took ${tookMs.toFixed(3)} ms`);
    for (const j of scan.jacks) {
      assert.ok(j.fresh && j.timeMs >= since, `CV ${j.jack} sampled at ${j.timeMs}, asked from ${since}`);
      assert.ok(Math.abs(j.volts - volts[j.jack - 1]!) < 0.03, `CV ${j.jack}: ${j.volts} V`);
    }
    // Without polling the same scan converts CVs 2-4 one after the other on 0x49.
    const u = await rig(0);
    await u.clock.advance(20.13);
    const unpolled = await scanFrom(u, u.clock.now() - 0.9);
    assert.ok(unpolled.tookMs >= 3 * SLOT_MS, `unpolled, the scan took ${unpolled.tookMs.toFixed(3)} ms`);
  });

  it('never takes a jack read before the time asked for: a change the polls have not seen yet is converted', async () => {
    const r = await rig(1000);
    await r.clock.advance(10);
    r.setJack(3, 2.5);
    const since = r.clock.now();
    const { scan } = await scanFrom(r, since);
    const cv3 = scan.jacks.find((j) => j.jack === 3)!;
    assert.ok(cv3.timeMs >= since);
    assert.ok(Math.abs(cv3.volts - 2.5) < 0.03, `CV 3 read ${cv3.volts} V`);
  });

  it('polls the jacks only while the gates are polled: once nobody listens, a scan converts every jack again', async () => {
    const r = await rig(1000);
    await r.clock.advance(5);
    r.off();
    await r.clock.advance(5);
    const before = r.chips.get(0x49)!.conversionsStarted;
    await r.clock.advance(20);
    assert.equal(r.chips.get(0x49)!.conversionsStarted, before, 'no polls without a listener');
    const since = r.clock.now() - 0.5;
    const { scan } = await scanFrom(r, since);
    assert.ok(scan.jacks.every((j) => j.fresh && j.timeMs >= since));
    assert.equal(r.chips.get(0x49)!.conversionsStarted - before, 3, 'CVs 2-4 converted for the scan');
  });
});
